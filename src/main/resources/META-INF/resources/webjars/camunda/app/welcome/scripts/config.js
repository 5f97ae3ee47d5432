// The Welcome page's configuration in kubeorch (it replaces the web app's own, which sets
// nothing): a link to kubeorch's install history, next to Cockpit, Tasklist and Admin.
export default {
  links: [
    {
      label: 'Install history',
      href: '/history/',
      description: 'Every install, running or ended: who started, approved, decided and retried, each node\'s steps and commands'
    }
  ]
};
