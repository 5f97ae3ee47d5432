// Cockpit's configuration in kubeorch (it replaces the web app's own, which sets nothing): the
// menu gets a link to kubeorch's install history, which Cockpit's community edition lacks.
export default {
  customScripts: ['scripts/kubeorch-history']
};
