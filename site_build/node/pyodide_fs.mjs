// Helpers the build's Node scripts share: files from the host into Pyodide's file system,
// and onto Python's path.
import fs from "node:fs";
import path from "node:path";

/** Copy a host folder into Pyodide's file system (skipping caches Python would write). */
export function copyTree(FS, from, to) {
  FS.mkdirTree(to);
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    if (entry.name === "__pycache__" || entry.name.startsWith(".")) continue;
    const source = path.join(from, entry.name);
    const target = `${to}/${entry.name}`;
    if (entry.isDirectory()) copyTree(FS, source, target);
    else if (entry.isFile()) FS.writeFile(target, fs.readFileSync(source));
  }
}

/** Write each host file into `folder` and return the paths inside Pyodide. */
export function writeFiles(FS, files, folder) {
  FS.mkdirTree(folder);
  return files.map((file) => {
    const inside = `${folder}/${path.basename(file)}`;
    FS.writeFile(inside, fs.readFileSync(file));
    return inside;
  });
}

/** Put paths (folders, or wheels imported from their zips) at the end of sys.path. */
export function extendPath(pyodide, paths) {
  const sys = pyodide.pyimport("sys");
  try {
    for (const entry of paths) if (!sys.path.count(entry)) sys.path.append(entry);
  } finally {
    sys.destroy();
  }
}
