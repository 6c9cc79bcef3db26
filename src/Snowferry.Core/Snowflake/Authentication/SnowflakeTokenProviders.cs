using Snowferry.Snowflake.Configuration;

namespace Snowferry.Snowflake.Authentication;

/// <summary>Creates the token provider a connection's authenticator calls for.</summary>
public static class SnowflakeTokenProviders
{
    /// <summary>
    /// <c>SNOWFLAKE_JWT</c> → <see cref="KeyPairJwtTokenProvider"/>; <c>PROGRAMMATIC_ACCESS_TOKEN</c> and <c>OAUTH</c> →
    /// <see cref="StaticTokenProvider"/>.
    /// </summary>
    /// <exception cref="SnowflakeConfigurationException">An unsupported authenticator, or an unusable key or token.</exception>
    public static ISnowflakeTokenProvider Create(SnowflakeConnectionSettings settings, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var authenticator = settings.Authenticator.ToUpperInvariant();
        return authenticator switch
        {
            SnowflakeAuthenticators.KeyPairJwt => new KeyPairJwtTokenProvider(settings, timeProvider ?? TimeProvider.System),
            SnowflakeAuthenticators.ProgrammaticAccessToken or SnowflakeAuthenticators.OAuth => new StaticTokenProvider(settings),
            _ => throw ConnectionSettingsFactory.UnsupportedAuthenticator(settings.Name, settings.Authenticator),
        };
    }
}
