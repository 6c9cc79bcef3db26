namespace Snowferry.Snowflake;

/// <summary>The authenticator names snowferry supports, as connections.toml spells them (upper case).</summary>
public static class SnowflakeAuthenticators
{
    /// <summary>Key-pair authentication with a signed JWT.</summary>
    public const string KeyPairJwt = "SNOWFLAKE_JWT";

    /// <summary>A programmatic access token (PAT).</summary>
    public const string ProgrammaticAccessToken = "PROGRAMMATIC_ACCESS_TOKEN";

    /// <summary>An OAuth access token obtained elsewhere.</summary>
    public const string OAuth = "OAUTH";
}
