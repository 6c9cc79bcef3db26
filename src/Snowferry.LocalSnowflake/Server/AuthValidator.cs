using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Snowferry.LocalSnowflake.Server;

/// <summary>The outcome of checking a request's credentials; <see cref="Reason"/> is for the server log only.</summary>
internal readonly record struct AuthResult(bool IsValid, string? User, string? Code, string? Message, string Reason)
{
    public static AuthResult Accept(string user) => new(true, user, null, null, "");

    public static AuthResult Reject(string code, string message, string reason) => new(false, null, code, message, reason);
}

/// <summary>
/// Checks <c>Authorization: Bearer …</c> for real, as Snowflake does: a key-pair JWT against the public keys registered
/// for its user, or a programmatic access token against the registered ones. Thread-safe. Tokens are never stored or
/// logged: PATs are kept as SHA-256 hashes and compared in constant time.
/// </summary>
internal sealed class AuthValidator : IDisposable
{
    public const string KeyPairJwt = "KEYPAIR_JWT";
    public const string ProgrammaticAccessToken = "PROGRAMMATIC_ACCESS_TOKEN";
    public const string OAuth = "OAUTH";

    /// <summary>Snowflake's answer to any bad key-pair JWT (it does not say which check failed).</summary>
    public const string InvalidJwtCode = "390144";
    public const string InvalidJwtMessage = "JWT token is invalid.";

    /// <summary>Snowflake's "invalid token" code for OAuth, used for a bad PAT too (PAT failures are undocumented).</summary>
    public const string InvalidTokenCode = "390303";

    /// <summary>Missing or malformed <c>Authorization</c> header: Snowflake's code is undocumented; this one is chosen.</summary>
    public const string MissingAuthorizationCode = "390101";

    private readonly JwtValidator _jwt;
    private readonly ConcurrentBag<(byte[] Hash, string User)> _allTokens = [];

    public AuthValidator(string account, TimeProvider time) => _jwt = new JwtValidator(account, time);

    public void RegisterPublicKey(string user, string publicKeyPem) => _jwt.RegisterPublicKey(user, publicKeyPem);

    public void RegisterProgrammaticAccessToken(string user, string token)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(user);
        ArgumentException.ThrowIfNullOrEmpty(token);
        var entry = (SHA256.HashData(Encoding.UTF8.GetBytes(token)), user.ToUpperInvariant());
        _allTokens.Add(entry);
    }

    /// <summary>Checks the <c>Authorization</c> and <c>X-Snowflake-Authorization-Token-Type</c> header values.</summary>
    public AuthResult Validate(string? authorization, string? tokenType)
    {
        const string Bearer = "Bearer ";
        if (authorization is null || !authorization.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase)
            || authorization.Length == Bearer.Length)
        {
            return AuthResult.Reject(MissingAuthorizationCode, "Authorization header is missing or is not a Bearer token.", "no bearer token");
        }

        var token = authorization[Bearer.Length..].Trim();
        switch (tokenType?.Trim().ToUpperInvariant())
        {
            case KeyPairJwt:
                return _jwt.Validate(token);
            case ProgrammaticAccessToken:
                return ValidatePat(token);
            case OAuth:
                return AuthResult.Reject(InvalidTokenCode, "Invalid OAuth access token.", "OAuth is not offered by the local Snowflake");
            case null or "":
                // Sniffed, as Snowflake does without the header: a registered PAT first, then anything JWT-shaped.
                var pat = ValidatePat(token);
                if (pat.IsValid)
                {
                    return pat;
                }

                return JwtValidator.LooksLikeJwt(token)
                    ? _jwt.Validate(token)
                    : AuthResult.Reject(InvalidTokenCode, "Invalid OAuth access token.", "token is neither a PAT nor a JWT");
            default:
                return AuthResult.Reject(MissingAuthorizationCode, "Unsupported X-Snowflake-Authorization-Token-Type.", "unknown token type");
        }
    }

    private AuthResult ValidatePat(string token)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        string? user = null;
        // Every registered hash is compared, match or not, so timing says nothing about which one matched.
        foreach (var (candidate, owner) in _allTokens)
        {
            if (CryptographicOperations.FixedTimeEquals(candidate, hash))
            {
                user = owner;
            }
        }

        return user is null
            ? AuthResult.Reject(InvalidTokenCode, "Programmatic access token is invalid.", "PAT not registered")
            : AuthResult.Accept(user);
    }

    public void Dispose() => _jwt.Dispose();
}
