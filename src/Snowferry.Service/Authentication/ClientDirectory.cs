using System.Security.Cryptography;

namespace Snowferry.Service.Authentication;

/// <summary>
/// Finds the client a key belongs to. Every stored hash is compared, in constant time, whichever matches: how long a
/// lookup takes says nothing about which client, or which hash, came close.
/// </summary>
internal sealed class ClientDirectory
{
    private readonly (string Client, byte[] Hash)[] _hashes;

    public ClientDirectory(IEnumerable<(string Client, byte[] Hash)> hashes) => _hashes = [.. hashes];

    /// <summary>The client whose key this is, or null.</summary>
    public string? Find(ReadOnlySpan<char> key)
    {
        if (key.IsEmpty)
        {
            return null;
        }

        var digest = ClientKeys.Digest(key);
        string? found = null;
        foreach (var (client, hash) in _hashes)
        {
            if (CryptographicOperations.FixedTimeEquals(digest, hash))
            {
                found ??= client;
            }
        }

        return found;
    }
}
