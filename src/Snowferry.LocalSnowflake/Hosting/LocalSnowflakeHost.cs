using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Snowferry.LocalSnowflake.Engine;
using Snowferry.LocalSnowflake.Samples;
using Snowferry.LocalSnowflake.Server;

namespace Snowferry.LocalSnowflake.Hosting;

/// <summary>
/// Everything a user of the local Snowflake needs, started together: the engine with the sample tables, the SQL API
/// server on a loopback port, a fresh key pair registered for the user, and a ready connections.toml naming them.
/// </summary>
public sealed class LocalSnowflakeHost : IAsyncDisposable
{
    private readonly string? _ownedDirectory;

    private LocalSnowflakeHost(LocalEngine engine, LocalSnowflakeServer server, string connectionsFilePath, string connectionName, string? ownedDirectory)
    {
        Engine = engine;
        Server = server;
        ConnectionsFilePath = connectionsFilePath;
        ConnectionName = connectionName;
        _ownedDirectory = ownedDirectory;
    }

    public LocalEngine Engine { get; }

    public LocalSnowflakeServer Server { get; }

    public Uri BaseAddress => Server.BaseAddress;

    /// <summary>The connections.toml written for this host (mode 0600).</summary>
    public string ConnectionsFilePath { get; }

    /// <summary>The connection's name in <see cref="ConnectionsFilePath"/>.</summary>
    public string ConnectionName { get; }

    public static async Task<LocalSnowflakeHost> StartAsync(LocalSnowflakeHostOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Scale is <= 0 or > 1 || double.IsNaN(options.Scale))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Scale, "Scale must be in (0, 1].");
        }

        if (options.Warehouses is not { Count: > 0 } || options.Roles is not { Count: > 0 })
        {
            throw new ArgumentException("Name at least one warehouse and one role: connections.toml names the first of each.", nameof(options));
        }

        string? ownedDirectory = null;
        var connectionsFile = options.ConnectionsFile;
        if (connectionsFile is null)
        {
            ownedDirectory = Directory.CreateTempSubdirectory("snowferry-local-").FullName;
            connectionsFile = Path.Combine(ownedDirectory, "connections.toml");
        }

        connectionsFile = Path.GetFullPath(connectionsFile);
        var integrations = new Dictionary<string, LocalStorageIntegration>(StringComparer.Ordinal);
        if (options.S3Integration is { } s3)
        {
            integrations[options.S3IntegrationName] = s3;
        }

        var engine = new LocalEngine(new LocalEngineOptions
        {
            DataFile = options.DataFile,
            StorageIntegrations = integrations,
            Warehouses = options.Warehouses,
            Roles = options.Roles,
        });
        LocalSnowflakeServer? server = null;
        try
        {
            if (options.DataFile is null || !SampleTables.Exist(engine))
            {
                await Task.Run(() => SampleTables.Create(engine, options.Scale, cancellationToken), cancellationToken).ConfigureAwait(false);
            }

            server = await LocalSnowflakeServer.StartAsync(
                new LocalSnowflakeServerOptions
                {
                    Port = options.Port,
                    PartitionRowCount = options.PartitionRowCount,
                    SyncWait = options.SyncWait,
                    MaxConcurrencyLevel = options.MaxConcurrencyLevel,
                    UseCachedResult = options.UseCachedResult,
                    LoggerFactory = options.LoggerFactory,
                },
                engine,
                cancellationToken).ConfigureAwait(false);

            using var key = RSA.Create(2048);
            server.RegisterPublicKey(options.User, key.ExportSubjectPublicKeyInfoPem());
            var directory = Path.GetDirectoryName(connectionsFile)!;
            Directory.CreateDirectory(directory);
            var keyFile = Path.Combine(directory, options.ConnectionName + "_rsa_key.p8");
            WritePrivate(keyFile, key.ExportPkcs8PrivateKeyPem());
            WritePrivate(connectionsFile, ConnectionsToml(options, server, engine, keyFile));
            return new LocalSnowflakeHost(engine, server, connectionsFile, options.ConnectionName, ownedDirectory);
        }
        catch
        {
            if (server is not null)
            {
                await server.DisposeAsync().ConfigureAwait(false);
            }

            engine.Dispose();
            DeleteQuietly(ownedDirectory);
            throw;
        }
    }

    private static string ConnectionsToml(LocalSnowflakeHostOptions options, LocalSnowflakeServer server, LocalEngine engine, string keyFile)
    {
        static string Str(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

        var toml = new StringBuilder();
        toml.Append(CultureInfo.InvariantCulture, $"# Written by snowferry's local Snowflake. Key-pair authentication, as against a real account.\n");
        toml.Append(CultureInfo.InvariantCulture, $"[{options.ConnectionName}]\n");
        toml.Append(CultureInfo.InvariantCulture, $"account = {Str(server.Options.Account)}\n");
        toml.Append(CultureInfo.InvariantCulture, $"user = {Str(options.User)}\n");
        toml.Append(CultureInfo.InvariantCulture, $"authenticator = \"SNOWFLAKE_JWT\"\n");
        toml.Append(CultureInfo.InvariantCulture, $"private_key_file = {Str(keyFile)}\n");
        toml.Append(CultureInfo.InvariantCulture, $"database = {Str(Identifier(engine.Options.DatabaseName))}\n");
        toml.Append(CultureInfo.InvariantCulture, $"schema = {Str(Identifier(SampleTables.Schema))}\n");
        toml.Append(CultureInfo.InvariantCulture, $"warehouse = {Str(Identifier(options.Warehouses[0]))}\n");
        toml.Append(CultureInfo.InvariantCulture, $"role = {Str(Identifier(options.Roles[0]))}\n");
        toml.Append(CultureInfo.InvariantCulture, $"host = {Str(server.BaseAddress.Host)}\n");
        toml.Append(CultureInfo.InvariantCulture, $"port = {server.BaseAddress.Port}\n");
        toml.Append(CultureInfo.InvariantCulture, $"protocol = \"http\"\n");
        return toml.ToString();
    }

    /// <summary>
    /// A name as a user writes it in connections.toml, where clients fold unquoted names to upper case: bare when it reads
    /// back unchanged, in double quotes otherwise (so <c>local_wh</c> is written <c>"local_wh"</c> and stays lower case).
    /// </summary>
    private static string Identifier(string name)
    {
        var plain = name.Length > 0 && (char.IsAsciiLetterUpper(name[0]) || name[0] == '_')
            && name.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c is '_' or '$');
        return plain ? name : "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    private static void WritePrivate(string path, string content)
    {
        // Created private from the start: the key is never readable by others, not even for an instant.
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(path, options))
        using (var writer = new StreamWriter(stream, new UTF8Encoding(false)))
        {
            writer.Write(content);
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    private static void DeleteQuietly(string? directory)
    {
        if (directory is null)
        {
            return;
        }

        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync().ConfigureAwait(false);
        Engine.Dispose();
        DeleteQuietly(_ownedDirectory);
    }
}
