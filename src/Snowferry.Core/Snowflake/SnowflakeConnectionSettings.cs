namespace Snowferry.Snowflake;

/// <summary>
/// One resolved Snowflake connection: what connections.toml and the environment say, after every override.
/// <see cref="ToString"/> never shows a secret.
/// </summary>
public sealed record SnowflakeConnectionSettings
{
    /// <summary>The connection's name in connections.toml (e.g. <c>default</c>, <c>local</c>).</summary>
    public string? Name { get; init; }

    /// <summary>Account identifier: <c>orgname-account_name</c> or a locator such as <c>xy12345.us-east-2.aws</c>.</summary>
    public required string Account { get; init; }

    /// <summary>Login name of the user.</summary>
    public required string User { get; init; }

    /// <summary>Role to run statements as; the user's default when null.</summary>
    public string? Role { get; init; }

    /// <summary>Warehouse to run statements in; the user's default when null.</summary>
    public string? Warehouse { get; init; }

    /// <summary>Default database for unqualified names.</summary>
    public string? Database { get; init; }

    /// <summary>Default schema for unqualified names.</summary>
    public string? Schema { get; init; }

    /// <summary>Authenticator, upper case: <c>SNOWFLAKE_JWT</c>, <c>PROGRAMMATIC_ACCESS_TOKEN</c> or <c>OAUTH</c>.</summary>
    public string Authenticator { get; init; } = SnowflakeAuthenticators.KeyPairJwt;

    /// <summary>Path of the PKCS#8 PEM private key for key-pair authentication.</summary>
    public string? PrivateKeyFile { get; init; }

    /// <summary>
    /// The PKCS#8 PEM private key itself (connections.toml <c>private_key_raw</c>, <c>SNOWFLAKE_PRIVATE_KEY_RAW</c>), for
    /// CI systems that hand keys over as text; used when <see cref="PrivateKeyFile"/> is null. Secret.
    /// </summary>
    public string? PrivateKeyRaw { get; init; }

    /// <summary>Passphrase of an encrypted private key (file or text). Secret.</summary>
    public string? PrivateKeyFilePassword { get; init; }

    /// <summary>A programmatic access token or OAuth access token. Secret.</summary>
    public string? Token { get; init; }

    /// <summary>A file whose text is the token (read when the connection is used).</summary>
    public string? TokenFilePath { get; init; }

    /// <summary>
    /// Host name; when null <c>&lt;account&gt;.snowflakecomputing.com</c>, or <c>.snowflakecomputing.cn</c> for an account
    /// locator in a China region (<c>xy12345.cn-northwest-1.aws</c>).
    /// </summary>
    public string? Host { get; init; }

    /// <summary>Port; 443 when null.</summary>
    public int? Port { get; init; }

    /// <summary><c>https</c> (default) or <c>http</c> (local Snowflake only).</summary>
    public string? Protocol { get; init; }

    /// <summary>The SQL API's base address built from protocol, host and port.</summary>
    public Uri BaseAddress
    {
        get
        {
            var protocol = string.IsNullOrEmpty(Protocol) ? "https" : Protocol.ToLowerInvariant();
            var host = string.IsNullOrEmpty(Host) ? DefaultHost(Account, region: null) : Host;
            var port = Port ?? (protocol == "http" ? 80 : 443);
            return new UriBuilder(protocol, host, port).Uri;
        }
    }

    /// <summary>
    /// The host the Python connector's <c>construct_hostname</c> builds: with a region (other than the default
    /// us-west-2), <c>&lt;locator&gt;.&lt;region&gt;</c>, else the whole account; China regions (<c>cn-*</c>, given as
    /// the region or as the account's second segment) live under <c>snowflakecomputing.cn</c>, every other one under
    /// <c>.com</c> (Snowflake user guide, account identifiers).
    /// </summary>
    internal static string DefaultHost(string account, string? region)
    {
        if (string.IsNullOrEmpty(region) || string.Equals(region, "us-west-2", StringComparison.OrdinalIgnoreCase))
        {
            var segments = account.Split('.');
            return $"{account}.snowflakecomputing.{(segments.Length > 1 && IsChinaRegion(segments[1]) ? "cn" : "com")}";
        }

        var dot = account.IndexOf('.', StringComparison.Ordinal);
        var locator = dot > 0 ? account[..dot] : account;
        return $"{locator}.{region}.snowflakecomputing.{(IsChinaRegion(region) ? "cn" : "com")}";
    }

    private static bool IsChinaRegion(string region) => region.StartsWith("cn-", StringComparison.OrdinalIgnoreCase);

    /// <summary>Describes the connection without any secret.</summary>
    public override string ToString() =>
        $"Snowflake connection '{Name ?? "(unnamed)"}' account={Account} user={User} authenticator={Authenticator} url={BaseAddress}";
}
