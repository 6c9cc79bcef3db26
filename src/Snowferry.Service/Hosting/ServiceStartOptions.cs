namespace Snowferry.Service.Hosting;

/// <summary>How <c>snowferry serve</c> was started: its flags, and any further ASP.NET Core command-line settings.</summary>
public sealed record ServiceStartOptions
{
    /// <summary><c>--urls</c>: where to listen (default <c>http://127.0.0.1:8080</c>: loopback only).</summary>
    public string? Urls { get; init; }

    /// <summary><c>--config</c>: a JSON file read after appsettings.json and before the environment and command line.</summary>
    public string? ConfigFile { get; init; }

    /// <summary><c>--state</c>: the SQLite file of the jobs (overrides <c>Snowferry:State</c>).</summary>
    public string? StateFile { get; init; }

    /// <summary>Further command-line settings (<c>--Snowferry:DrainPeriod=00:01:00</c>).</summary>
    public IReadOnlyList<string> Args { get; init; } = [];

    /// <summary>Settings applied last, above every other source (tests).</summary>
    public IReadOnlyDictionary<string, string?>? Overrides { get; init; }

    /// <summary>Adjusts the data source after the configuration has (tests give the local S3 server's credentials).</summary>
    internal Action<Transfer.SnowferryDataSourceBuilder>? ConfigureDataSource { get; init; }

    /// <summary>The default address: loopback, so nothing is exposed until the operator says so.</summary>
    public const string DefaultUrls = "http://127.0.0.1:8080";
}
