// Merged by @jupyter/builder into its own configuration (package.json: jupyterlab.rspackConfig).
// Module ids by order rather than by a hash of each module's identifier: the container entry's
// identifier holds the absolute path of src/index.js, so its hashed id changed with the folder
// the repository sits in, and the committed build could not be checked byte for byte in CI.
module.exports = { optimization: { moduleIds: "natural" } };
