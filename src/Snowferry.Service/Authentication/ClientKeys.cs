using System.Security.Cryptography;
using System.Text;

namespace Snowferry.Service.Authentication;

/// <summary>
/// Client keys and their stored form. A key is 32 random bytes, so an unsalted SHA-256 is enough to store it: nothing
/// about it can be guessed, and a leaked configuration file gives no key. Comparisons take the same time whatever matches.
/// </summary>
public static class ClientKeys
{
    /// <summary>The prefix of a stored hash: <c>sha256:</c> then 64 hex digits.</summary>
    public const string HashPrefix = "sha256:";

    private const string KeyPrefix = "sfk_";

    /// <summary>A new random key (<c>sfk_</c> and 43 base64url characters).</summary>
    public static string NewKey() => KeyPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>The stored form of a key: <c>sha256:&lt;hex of SHA-256 over its UTF-8&gt;</c>.</summary>
    public static string Hash(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return HashPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }

    /// <summary>Reads a stored hash into its 32 bytes; false when it is not <c>sha256:</c> and 64 hex digits.</summary>
    public static bool TryParseHash(string? text, out byte[] hash)
    {
        hash = [];
        var value = text?.Trim();
        if (value is null || !value.StartsWith(HashPrefix, StringComparison.OrdinalIgnoreCase) || value.Length != HashPrefix.Length + 64)
        {
            return false;
        }

        try
        {
            hash = Convert.FromHexString(value.AsSpan(HashPrefix.Length));
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>SHA-256 of the presented key, for <see cref="CryptographicOperations.FixedTimeEquals"/> against stored hashes.</summary>
    internal static byte[] Digest(ReadOnlySpan<char> key)
    {
        var bytes = new byte[Encoding.UTF8.GetMaxByteCount(key.Length)];
        var length = Encoding.UTF8.GetBytes(key, bytes);
        var digest = SHA256.HashData(bytes.AsSpan(0, length));
        CryptographicOperations.ZeroMemory(bytes);
        return digest;
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
