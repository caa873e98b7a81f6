import { KubeConfig } from '@kubernetes/client-node';

/** A client configuration for a simulated cluster's URL (and token, when it asks for one). */
export function kubeConfigFor(server: string, token?: string): KubeConfig {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [{ name: 'simulated', server, skipTLSVerify: true }],
    users: [{ name: 'simulated-user', token }],
    contexts: [
      { name: 'simulated', cluster: 'simulated', user: 'simulated-user' },
    ],
    currentContext: 'simulated',
  });
  return kubeConfig;
}
