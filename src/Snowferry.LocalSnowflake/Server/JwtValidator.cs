using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Snowferry.LocalSnowflake.Server;

/// <summary>
/// Key-pair JWT checks (SQL_API.md §3): RS256 signature by a key registered for the user; <c>iss</c> =
/// <c>ACCOUNT.USER.SHA256:&lt;fingerprint of that key&gt;</c>; <c>sub</c> = <c>ACCOUNT.USER</c> naming this account;
/// <c>exp</c> not passed; <c>iat</c> not in the future and at most an hour old (Snowflake's limit whatever <c>exp</c>
/// says). A minute of clock skew is allowed either way.
/// </summary>
internal sealed class JwtValidator : IDisposable
{
    private static readonly TimeSpan s_skew = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan s_maxAge = TimeSpan.FromHours(1);

    private readonly string _account;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, RSA>> _keys = new(StringComparer.Ordinal);

    public JwtValidator(string account, TimeProvider time)
    {
        _account = NormalizeAccount(account);
        _time = time;
    }

    /// <summary>Upper case; cut at the first <c>.</c> (or at the first <c>-</c> of a <c>.global</c> account), as the connectors do.</summary>
    internal static string NormalizeAccount(string account)
    {
        var cut = account.Contains(".global", StringComparison.OrdinalIgnoreCase)
            ? account.IndexOf('-', StringComparison.Ordinal)
            : account.IndexOf('.', StringComparison.Ordinal);
        return (cut >= 0 ? account[..cut] : account).ToUpperInvariant();
    }

    public static string Fingerprint(RSA key) => "SHA256:" + Convert.ToBase64String(SHA256.HashData(key.ExportSubjectPublicKeyInfo()));

    public void RegisterPublicKey(string user, string publicKeyPem)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(user);
        ArgumentException.ThrowIfNullOrWhiteSpace(publicKeyPem);
        var key = RSA.Create();
        try
        {
            key.ImportFromPem(publicKeyPem);
        }
        catch
        {
            key.Dispose();
            throw;
        }

        // Several keys per user, like RSA_PUBLIC_KEY and RSA_PUBLIC_KEY_2 for rotation; the fingerprint picks one.
        var keys = _keys.GetOrAdd(user.ToUpperInvariant(), _ => new ConcurrentDictionary<string, RSA>(StringComparer.Ordinal));
        if (!keys.TryAdd(Fingerprint(key), key))
        {
            key.Dispose();
        }
    }

    public static bool LooksLikeJwt(string token) => token.Count(c => c == '.') == 2 && token.StartsWith("eyJ", StringComparison.Ordinal);

    public AuthResult Validate(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return Invalid("not three dot-separated parts");
        }

        try
        {
            using var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0]));
            if (!header.RootElement.TryGetProperty("alg", out var alg) || alg.ValueKind != JsonValueKind.String || alg.GetString() != "RS256")
            {
                return Invalid("alg is not RS256");
            }

            using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
            var claims = payload.RootElement;
            if (!TryString(claims, "iss", out var iss) || !TryString(claims, "sub", out var sub)
                || !TryEpoch(claims, "iat", out var iat) || !TryEpoch(claims, "exp", out var exp))
            {
                return Invalid("iss, sub, iat or exp missing");
            }

            const string FingerprintMarker = ".SHA256:";
            var marker = iss.LastIndexOf(FingerprintMarker, StringComparison.Ordinal);
            if (marker <= 0 || iss[..marker] != sub)
            {
                return Invalid("iss does not start with sub");
            }

            var dot = sub.IndexOf('.', StringComparison.Ordinal);
            if (dot <= 0 || sub[..dot] != _account || dot == sub.Length - 1)
            {
                return Invalid("sub does not name this account");
            }

            var user = sub[(dot + 1)..];
            var fingerprint = iss[(marker + 1)..];
            if (!_keys.TryGetValue(user, out var keys) || !keys.TryGetValue(fingerprint, out var key))
            {
                return Invalid("no registered key with that fingerprint for the user");
            }

            var signature = Base64Url.DecodeFromChars(parts[2]);
            var signed = Encoding.ASCII.GetBytes(token[..(parts[0].Length + 1 + parts[1].Length)]);
            if (!key.VerifyData(signed, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
            {
                return Invalid("bad signature");
            }

            var now = _time.GetUtcNow();
            if (exp + s_skew <= now)
            {
                return Invalid("expired");
            }

            if (iat - s_skew > now || now - iat > s_maxAge + s_skew)
            {
                return Invalid("issued in the future or over an hour ago");
            }

            return AuthResult.Accept(user);
        }
        catch (Exception ex) when (ex is FormatException or JsonException or CryptographicException or ArgumentException)
        {
            return Invalid("malformed");
        }
    }

    private static AuthResult Invalid(string reason) =>
        AuthResult.Reject(AuthValidator.InvalidJwtCode, AuthValidator.InvalidJwtMessage, "JWT " + reason);

    private static bool TryString(JsonElement claims, string name, out string value)
    {
        value = "";
        if (!claims.TryGetProperty(name, out var element) || element.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        value = element.GetString()!;
        return true;
    }

    /// <summary>Epoch seconds; milliseconds accepted too (SQL_API.md §3), told apart by size.</summary>
    private static bool TryEpoch(JsonElement claims, string name, out DateTimeOffset value)
    {
        value = default;
        if (!claims.TryGetProperty(name, out var element) || element.ValueKind != JsonValueKind.Number || !element.TryGetDouble(out var number))
        {
            return false;
        }

        var seconds = number > 100_000_000_000 ? number / 1000 : number;
        if (seconds is < 0 or > 253_402_300_799)
        {
            return false;
        }

        value = DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000));
        return true;
    }

    public void Dispose()
    {
        foreach (var keys in _keys.Values)
        {
            foreach (var key in keys.Values)
            {
                key.Dispose();
            }
        }
    }
}
