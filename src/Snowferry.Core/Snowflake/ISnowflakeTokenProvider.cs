namespace Snowferry.Snowflake;

/// <summary>Supplies the bearer token for each SQL API request, renewing it as needed.</summary>
public interface ISnowflakeTokenProvider
{
    /// <summary>
    /// A token valid for at least the next minute. <paramref name="forceRenew"/> after a 401 asks for a new one.
    /// </summary>
    ValueTask<SnowflakeToken> GetTokenAsync(bool forceRenew, CancellationToken cancellationToken);
}

/// <summary>A bearer token and its type, as sent in <c>X-Snowflake-Authorization-Token-Type</c>.</summary>
/// <param name="Value">The token. Secret: never logged, never in an error.</param>
/// <param name="TokenType"><c>KEYPAIR_JWT</c>, <c>PROGRAMMATIC_ACCESS_TOKEN</c> or <c>OAUTH</c>.</param>
public readonly record struct SnowflakeToken(string Value, string TokenType)
{
    /// <summary>Hides the token value.</summary>
    public override string ToString() => $"{TokenType} token (hidden)";
}
