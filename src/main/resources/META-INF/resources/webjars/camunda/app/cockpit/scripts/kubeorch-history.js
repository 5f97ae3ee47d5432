// A Cockpit menu entry: kubeorch's install history (every install, running or ended, with who
// started, approved, decided and retried), in the same login as Cockpit.
export default {
  id: 'kubeorch.history',
  pluginPoint: 'cockpit.navigation',
  priority: 5,
  render: node => {
    const link = document.createElement('a');
    link.href = '/history/';
    link.textContent = 'Install history';
    link.className = 'kubeorch-history';
    node.appendChild(link);
  }
};
