// Package modgraph is the module graph of a scanned project, built from
// the per-file facts that the front-ends (analyzers/jsts, analyzers/python,
// analyzers/configs) emit; the rule passes read it.
//
// It owns module resolution (relative specifiers with extension and index
// probing, tsconfig/jsconfig compilerOptions.paths and baseUrl along their
// `extends` chains, framework aliases such as "@/", "~/" and "$lib", and
// Python's absolute, relative and submodule imports: Index and Resolve),
// the import graph with reverse edges and re-exports (Graph), the
// walk that tells the scan which unparsed modules a pass needs
// (Graph.Unparsed), and names followed across modules (Symbols: Lookup,
// Export, Handler). Workspaces (npm, pnpm, yarn) are not modelled: a
// package of the same repository imported by name is a package.
//
// Nothing here reads a file or decides a rule: the input is facts, the
// output is paths, edges and targets.
package modgraph
