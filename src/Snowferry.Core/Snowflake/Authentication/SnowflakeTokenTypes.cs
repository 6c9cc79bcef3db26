namespace Snowferry.Snowflake.Authentication;

/// <summary>The values of the <c>X-Snowflake-Authorization-Token-Type</c> header.</summary>
public static class SnowflakeTokenTypes
{
    /// <summary>A JWT signed with the user's RSA key.</summary>
    public const string KeyPairJwt = "KEYPAIR_JWT";

    /// <summary>A programmatic access token (PAT).</summary>
    public const string ProgrammaticAccessToken = "PROGRAMMATIC_ACCESS_TOKEN";

    /// <summary>An OAuth access token.</summary>
    public const string OAuth = "OAUTH";
}
