using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Snowferry.Internal;

namespace Snowferry.Snowflake.Authentication;

/// <summary>
/// Key-pair authentication: a JWT signed RS256 with the user's RSA key, as the SQL API documents and the Python
/// connector builds it (<c>iss = ACCOUNT.USER.SHA256:&lt;fingerprint&gt;</c>, <c>sub = ACCOUNT.USER</c>, <c>iat</c>,
/// <c>exp</c>). Tokens live <see cref="DefaultLifetime"/> (59 minutes, the docs' example: Snowflake accepts a token for
/// at most an hour after issue) and are renewed once less than <see cref="RenewalMargin"/> remains, or on request.
/// </summary>
internal sealed class KeyPairJwtTokenProvider : ISnowflakeTokenProvider, IDisposable
{
    /// <summary>How long a token is valid: 59 minutes, just under the hour Snowflake accepts.</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromMinutes(59);

    /// <summary>A cached token is renewed when less than this remains (5 minutes).</summary>
    public static readonly TimeSpan RenewalMargin = TimeSpan.FromMinutes(5);

    // Base64url of {"alg":"RS256","typ":"JWT"}.
    private static readonly string s_header = Base64Url(Encoding.UTF8.GetBytes("{\"alg\":\"RS256\",\"typ\":\"JWT\"}"));

    private readonly RSA _key;
    private readonly bool _ownsKey;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _lifetime;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private SnowflakeToken? _token;
    private DateTimeOffset _expiresAt;

    /// <summary>
    /// Reads the private key of <paramref name="settings"/>, from its file or else its text (decrypting it with its passphrase).
    /// </summary>
    /// <exception cref="SnowflakeConfigurationException">No key, or a key that cannot be read or decrypted.</exception>
    public KeyPairJwtTokenProvider(SnowflakeConnectionSettings settings, TimeProvider timeProvider, ILogger? logger = null)
        : this(
            NotNull(settings).Account,
            settings.User,
            LoadKey(settings),
            timeProvider,
            lifetime: null,
            ownsKey: true,
            logger)
    {
    }

    /// <summary>Signs with <paramref name="privateKey"/>, which the caller keeps and disposes.</summary>
    public KeyPairJwtTokenProvider(
        string account, string user, RSA privateKey, TimeProvider timeProvider, TimeSpan? lifetime = null, ILogger? logger = null)
        : this(account, user, privateKey, timeProvider, lifetime, ownsKey: false, logger)
    {
    }

    private KeyPairJwtTokenProvider(
        string account, string user, RSA privateKey, TimeProvider timeProvider, TimeSpan? lifetime, bool ownsKey, ILogger? logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(account);
        ArgumentException.ThrowIfNullOrWhiteSpace(user);
        ArgumentNullException.ThrowIfNull(privateKey);
        ArgumentNullException.ThrowIfNull(timeProvider);
        if (lifetime is { } l && (l <= RenewalMargin || l > TimeSpan.FromHours(1)))
        {
            throw new ArgumentOutOfRangeException(nameof(lifetime), l, "The lifetime must be over 5 minutes and at most 1 hour.");
        }

        _key = privateKey;
        _ownsKey = ownsKey;
        _timeProvider = timeProvider;
        _lifetime = lifetime ?? DefaultLifetime;
        _logger = logger ?? NullLogger.Instance;
        Subject = $"{NormalizeAccount(account)}.{user.ToUpperInvariant()}";
        PublicKeyFingerprint = ComputePublicKeyFingerprint(privateKey);
        Issuer = $"{Subject}.{PublicKeyFingerprint}";
    }

    /// <summary>The <c>iss</c> claim: <c>ACCOUNT.USER.SHA256:&lt;fingerprint&gt;</c>.</summary>
    public string Issuer { get; }

    /// <summary>The <c>sub</c> claim: <c>ACCOUNT.USER</c>.</summary>
    public string Subject { get; }

    /// <summary>The key's fingerprint as <c>DESC USER</c> shows it in <c>RSA_PUBLIC_KEY_FP</c>.</summary>
    public string PublicKeyFingerprint { get; }

    /// <summary>
    /// <c>"SHA256:" + base64(SHA-256(DER SubjectPublicKeyInfo))</c>, the fingerprint Snowflake stores for a user's key.
    /// </summary>
    public static string ComputePublicKeyFingerprint(RSA key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return "SHA256:" + Convert.ToBase64String(SHA256.HashData(key.ExportSubjectPublicKeyInfo()));
    }

    /// <summary>
    /// The account part of the claims, as the Python connector prepares it: upper case; for a <c>.global</c> account the
    /// text before the first <c>-</c>, else the text before the first <c>.</c> (so <c>myorg-myaccount</c> keeps its hyphen).
    /// </summary>
    internal static string NormalizeAccount(string account)
    {
        var cut = account.Contains(".global", StringComparison.OrdinalIgnoreCase)
            ? account.IndexOf('-', StringComparison.Ordinal)
            : account.IndexOf('.', StringComparison.Ordinal);
        return (cut >= 0 ? account[..cut] : account).ToUpperInvariant();
    }

    /// <inheritdoc />
    public ValueTask<SnowflakeToken> GetTokenAsync(bool forceRenew, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            var now = _timeProvider.GetUtcNow();
            if (forceRenew || _token is null || now >= _expiresAt - RenewalMargin)
            {
                _expiresAt = now + _lifetime;
                _token = new SnowflakeToken(CreateJwt(now, _expiresAt), SnowflakeTokenTypes.KeyPairJwt);
                Log.JwtIssued(_logger, Subject, PublicKeyFingerprint, _expiresAt);
            }

            return ValueTask.FromResult(_token.Value);
        }
    }

    /// <summary>Disposes the key when this provider loaded it.</summary>
    public void Dispose()
    {
        if (_ownsKey)
        {
            _key.Dispose();
        }
    }

    private string CreateJwt(DateTimeOffset issuedAt, DateTimeOffset expiresAt)
    {
        var payload = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(payload))
        {
            writer.WriteStartObject();
            writer.WriteString("iss", Issuer);
            writer.WriteString("sub", Subject);
            writer.WriteNumber("iat", issuedAt.ToUnixTimeSeconds());
            writer.WriteNumber("exp", expiresAt.ToUnixTimeSeconds());
            writer.WriteEndObject();
        }

        var signingInput = s_header + "." + Base64Url(payload.WrittenSpan);
        var signature = _key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + Base64Url(signature);
    }

    private static SnowflakeConnectionSettings NotNull(SnowflakeConnectionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings;
    }

    private static RSA LoadKey(SnowflakeConnectionSettings settings)
    {
        try
        {
            // As the Snowflake CLI does, a key file beats a key given as text.
            if (settings.PrivateKeyFile is { } path)
            {
                return PrivateKeyLoader.Load(path, settings.PrivateKeyFilePassword);
            }

            if (!string.IsNullOrWhiteSpace(settings.PrivateKeyRaw))
            {
                return PrivateKeyLoader.LoadText(settings.PrivateKeyRaw, settings.PrivateKeyFilePassword);
            }
        }
        catch (SnowflakeConfigurationException e)
        {
            // Say which connection named the key: with several connections, the file alone may not tell.
            throw new SnowflakeConfigurationException($"Connection '{settings.Name ?? "(unnamed)"}': {e.Message}", e);
        }

        throw new SnowflakeConfigurationException(
            $"Connection '{settings.Name}' uses key-pair authentication but has neither private_key_file nor private_key_raw.");
    }

    private static string Base64Url(ReadOnlySpan<byte> bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);
}
