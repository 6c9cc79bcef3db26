using System.Globalization;
using Snowferry.Service.Allowlists;
using Snowferry.Service.Authentication;
using Snowferry.Service.Configuration;

namespace Snowferry.Service.Hosting;

/// <summary>Every configured client, checked once at start-up; the key directory authentication looks keys up in.</summary>
internal sealed class ServiceClients
{
    private readonly Dictionary<string, ServiceClient> _clients;

    private ServiceClients(Dictionary<string, ServiceClient> clients, ClientDirectory directory)
    {
        _clients = clients;
        Directory = directory;
    }

    public ClientDirectory Directory { get; }

    public int Count => _clients.Count;

    /// <summary>The client an authenticated request belongs to.</summary>
    public ServiceClient Get(string name) => _clients[name];

    /// <summary>Checks every client of the configuration; the message of the first problem says what to fix.</summary>
    /// <exception cref="ServiceConfigurationException">No client, a malformed hash or pattern, a bad limit.</exception>
    public static ServiceClients Create(ServiceOptions options, string? database, string? schema)
    {
        if (options.Clients.Count == 0)
        {
            throw new ServiceConfigurationException(
                "No client is configured, so no request could ever be served: add one under Snowferry:Clients (a key from 'snowferry serve new-key', " +
                "its KeyHash, AllowedTables and AllowedDestinations).");
        }

        var clients = new Dictionary<string, ServiceClient>(StringComparer.Ordinal);
        var hashes = new List<(string, byte[])>();
        foreach (var (name, client) in options.Clients)
        {
            var configured = new List<string>(client.KeyHashes);
            if (!string.IsNullOrWhiteSpace(client.KeyHash))
            {
                configured.Add(client.KeyHash);
            }

            if (configured.Count == 0)
            {
                throw new ServiceConfigurationException($"Client '{name}' has no KeyHash: give one from 'snowferry serve new-key' (or KeyHashes while rotating).");
            }

            for (var i = 0; i < configured.Count; i++)
            {
                if (!ClientKeys.TryParseHash(configured[i], out var hash))
                {
                    // Never echo the value: it may be a key pasted where its hash belongs.
                    throw new ServiceConfigurationException(
                        $"Client '{name}': key hash {(i + 1).ToString(CultureInfo.InvariantCulture)} is not 'sha256:' and 64 hex digits. " +
                        "Store the hash 'snowferry serve new-key' prints, never the key itself.");
                }

                if (hashes.FirstOrDefault(h => h.Item2.AsSpan().SequenceEqual(hash)) is { Item1: { } owner })
                {
                    throw new ServiceConfigurationException(
                        $"Client '{name}' has a key hash that client '{owner}' has too: one key would act as both. Give each client its own key ('snowferry serve new-key').");
                }

                hashes.Add((name, hash));
            }

            if (client.MaxActiveJobs < 1)
            {
                throw new ServiceConfigurationException($"Client '{name}': MaxActiveJobs must be at least 1.");
            }

            Allowlist allowlist;
            try
            {
                allowlist = Allowlist.Create(name, client, database, schema);
            }
            catch (AllowlistException e)
            {
                throw new ServiceConfigurationException($"Client '{name}': {e.Message}", e);
            }

            clients[name] = new ServiceClient(name, client, allowlist);
        }

        return new ServiceClients(clients, new ClientDirectory(hashes));
    }
}
