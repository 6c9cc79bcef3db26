using Microsoft.Extensions.Logging.Abstractions;
using Snowferry.Planning;
using Snowferry.Snowflake;
using Snowferry.Snowflake.Authentication;
using Snowferry.Snowflake.Client;
using Snowferry.Snowflake.Configuration;
using Snowferry.Transfer;

namespace Snowferry.Diagnostics;

/// <summary>
/// Tries each step of a first run against the configured connection, moving no data, and says what to fix for each
/// failure: the connections file and connection, the credentials, the role, warehouse, database and schema (added one
/// at a time, so a refusal names its field), the table and its plan, the destination, the storage integration. A check
/// that depends on a failed one is skipped, naming it.
/// </summary>
public static partial class SnowferryDoctor
{
    private static readonly SnowflakeClientOptions s_clientOptions = new()
    {
        RetryTimeout = TimeSpan.FromSeconds(20),
        MaxAttempts = 3,
    };

    /// <summary>Runs every check; never throws for a failed check (the report holds it), only on cancellation.</summary>
    public static async Task<DoctorReport> RunAsync(SnowferryDoctorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new SnowferryDoctorOptions();
        var checks = new List<DoctorCheck>();
        await CheckSnowflakeAsync(options, checks, cancellationToken).ConfigureAwait(false);
        await CheckDestinationAsync(options, checks, cancellationToken).ConfigureAwait(false);
        checks.Add(CheckStorageIntegration(options));
        return new DoctorReport(checks);
    }

    private static async Task CheckSnowflakeAsync(SnowferryDoctorOptions options, List<DoctorCheck> checks, CancellationToken cancellationToken)
    {
        var steps = new Steps(checks, ["connections_file", "connection", "credentials", "role", "warehouse", "database", "schema", "table", "plan"]);
        var environment = SnowflakeEnvironment.Current;
        try
        {
            // Read on its own first, so a missing or unsafe file is told apart from a connection the file lacks.
            var catalog = ConnectionCatalog.Load(options.ConnectionsFile, environment, NullLogger.Instance);
            steps.Ok("connections_file", DoctorArea.Configuration, $"{catalog.Source} ({Count(catalog.Connections.Count, "connection")})");
        }
        catch (SnowflakeConfigurationException e)
        {
            steps.Fail("connections_file", DoctorArea.Configuration, e.Message);
            return;
        }

        SnowflakeConnectionSettings settings;
        try
        {
            settings = SnowflakeConnections.Load(new SnowflakeConnectionOptions
            {
                ConnectionName = options.ConnectionName,
                ConnectionsFile = options.ConnectionsFile,
                Environment = environment,
            });
            steps.Ok("connection", DoctorArea.Configuration,
                $"'{settings.Name}': account {settings.Account}, user {settings.User}, authenticator {settings.Authenticator}, {settings.BaseAddress}");
        }
        catch (SnowflakeConfigurationException e)
        {
            steps.Fail("connection", DoctorArea.Configuration, e.Message);
            return;
        }

        // The data source a transfer runs from, so the checks go through the very clients a transfer would use.
        SnowferryDataSource dataSource;
        try
        {
            dataSource = new SnowferryDataSourceBuilder()
                .UseConnectionSettings(settings)
                .UseSnowflakeClientOptions(options.ClientOptions ?? s_clientOptions)
                .UseTimeProvider(options.TimeProvider)
                .UseLoggerFactory(options.LoggerFactory)
                .Build();
        }
        catch (SnowflakeConfigurationException e)
        {
            steps.Fail("credentials", DoctorArea.Configuration, e.Message);
            return;
        }

        using (dataSource)
        {
            var source = dataSource.Snowflake;
            if (await CheckCredentialsAsync(source, steps, cancellationToken).ConfigureAwait(false)
                && await CheckContextAsync(source, steps, cancellationToken).ConfigureAwait(false))
            {
                await CheckTableAsync(source, options, steps, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>A statement with no role, warehouse, database or schema: only the login can refuse it.</summary>
    private static async Task<bool> CheckCredentialsAsync(SnowflakeDataSource source, Steps steps, CancellationToken cancellationToken)
    {
        var settings = source.Settings;
        var fingerprint = (source.Tokens as KeyPairJwtTokenProvider)?.PublicKeyFingerprint;
        var client = source.CreateClient(settings with { Role = null, Warehouse = null, Database = null, Schema = null });
        try
        {
            await client.ExecuteAsync("SELECT 1", cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (SnowflakeException e)
        {
            steps.Fail("credentials", DoctorArea.Snowflake, e.Message, e.HttpStatus == 401 ? CredentialsFix(settings, fingerprint) : ReachFix(settings, e));
            return false;
        }

        steps.Ok("credentials", DoctorArea.Snowflake, fingerprint is null
            ? $"{settings.Authenticator} token accepted by Snowflake"
            : $"key-pair JWT signed with {settings.PrivateKeyFile} (public key {fingerprint}) accepted by Snowflake");
        return true;
    }

    /// <summary>
    /// Adds the connection's role, then warehouse, database and schema to a trivial statement one at a time: the SQL API
    /// checks each against the names as they are (case included), so the first refusal names its field.
    /// </summary>
    private static async Task<bool> CheckContextAsync(SnowflakeDataSource source, Steps steps, CancellationToken cancellationToken)
    {
        var settings = source.Settings;
        var context = settings with { Role = null, Warehouse = null, Database = null, Schema = null };
        (string Field, string? Value, Func<SnowflakeConnectionSettings, SnowflakeConnectionSettings> Add)[] fields =
        [
            ("role", settings.Role, c => c with { Role = settings.Role }),
            ("warehouse", settings.Warehouse, c => c with { Warehouse = settings.Warehouse }),
            ("database", settings.Database, c => c with { Database = settings.Database }),
            ("schema", settings.Schema, c => c with { Schema = settings.Schema }),
        ];
        foreach (var (field, value, add) in fields)
        {
            if (string.IsNullOrEmpty(value))
            {
                steps.Ok(field, DoctorArea.Snowflake, $"not set in connection '{settings.Name}': Snowflake uses the user's default {field}");
                continue;
            }

            context = add(context);
            try
            {
                await source.CreateClient(context).ExecuteAsync("SELECT 1", cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (SnowflakeException e)
            {
                steps.Fail(field, DoctorArea.Snowflake, $"{field} {value}: {e.Message}", e.HttpStatus == 422 ? ContextFix(field, value, settings) : ReachFix(settings, e));
                return false;
            }

            steps.Ok(field, DoctorArea.Snowflake, $"{value} exists and is usable");
        }

        return true;
    }

    /// <summary>The table exists and the role may SELECT it (<c>LIMIT 0</c>: reads nothing), then the plan is made.</summary>
    private static async Task CheckTableAsync(SnowflakeDataSource source, SnowferryDoctorOptions options, Steps steps, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(options.Table))
        {
            steps.SkipRest("no table given (--table TABLE checks that the role may read it and that it can be planned)");
            return;
        }

        var role = source.Settings.Role ?? "(the user's default role)";
        TableName table;
        try
        {
            table = await SessionNamespace.ResolveAsync(source.Client, TableName.Parse(options.Table), statementTimeout: null, cancellationToken).ConfigureAwait(false);
            await source.Client.ExecuteAsync($"SELECT 1 FROM {table} LIMIT 0", cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (PlanException e)
        {
            steps.Fail("table", DoctorArea.Plan, e.Message);
            return;
        }
        catch (SnowflakeException e) when (e.HttpStatus == 422)
        {
            steps.Fail("table", DoctorArea.Plan, $"{options.Table}: {e.Message}",
                "Check the name (unquoted names fold to upper case; quote a mixed-case name, e.g. \"My Table\"), the database and schema, " +
                $"and that role {role} may read it: GRANT SELECT ON TABLE <database>.<schema>.<table> TO ROLE {role}.");
            return;
        }
        catch (SnowflakeException e)
        {
            steps.Fail("table", DoctorArea.Snowflake, e.Message, ReachFix(source.Settings, e));
            return;
        }

        steps.Ok("table", DoctorArea.Plan, $"{table} exists and role {role} may SELECT it");
        try
        {
            var plan = await TransferPlanner.PlanAsync(source.Client, source.Settings, table.ToString(), options.Plan, cancellationToken).ConfigureAwait(false);
            steps.Ok("plan", DoctorArea.Plan, Roles(plan));
        }
        catch (PlanException e)
        {
            steps.Fail("plan", DoctorArea.Plan, e.Message);
        }
        catch (SnowflakeException e)
        {
            steps.Fail("plan", DoctorArea.Snowflake, e.Message, ReachFix(source.Settings, e));
        }
    }

    private static string Roles(TransferPlan plan)
    {
        var roles = plan.Columns
            .GroupBy(c => c.Role)
            .OrderBy(g => g.Key)
            .Select(g => $"{g.Key.ToString().ToLowerInvariant()} {string.Join(", ", g.Select(c => c.Source.Name))}");
        return $"{Count(plan.Columns.Count, "column")}: {string.Join("; ", roles)}";
    }

    private static string CredentialsFix(SnowflakeConnectionSettings settings, string? fingerprint) => fingerprint is not null
        ? $"Run DESC USER {settings.User} in Snowflake: RSA_PUBLIC_KEY_FP (or RSA_PUBLIC_KEY_2_FP) must be {fingerprint}. " +
          $"If it is not, register this key's public half: ALTER USER {settings.User} SET RSA_PUBLIC_KEY='<the base64 between the PEM lines>'. Also check account = {settings.Account}."
        : $"Create a new token for user {settings.User} and put it in the connection's token or token_file_path; " +
          "a programmatic access token also needs a network policy on the user (or account) that allows this machine's address.";

    private static string ContextFix(string field, string value, SnowflakeConnectionSettings settings)
    {
        var role = settings.Role ?? "<your role>";
        var grant = field switch
        {
            "role" => $"GRANT ROLE {value} TO USER {settings.User}",
            "warehouse" => $"GRANT USAGE ON WAREHOUSE {value} TO ROLE {role}",
            "database" => $"GRANT USAGE ON DATABASE {value} TO ROLE {role}",
            _ => $"GRANT USAGE ON SCHEMA {settings.Database ?? "<database>"}.{value} TO ROLE {role}",
        };
        return $"Check that the {field} exists in exactly that case (SHOW {field.ToUpperInvariant()}S shows the names: an unquoted name in " +
            "connections.toml folds to upper case, a quoted one such as '\"My_Name\"' is used as written) and is granted: " + grant + ".";
    }

    private static string? ReachFix(SnowflakeConnectionSettings settings, SnowflakeException e) => e.HttpStatus is 0 or >= 500
        ? $"Check that {settings.BaseAddress} is reachable from here (account, host, port, proxy, network); China regions end in .snowflakecomputing.cn."
        : null;

    private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    /// <summary>The checks of one part in order: after a failure, the ones left are skipped, naming it.</summary>
    private sealed class Steps(List<DoctorCheck> checks, string[] names)
    {
        private int _next;

        public void Ok(string name, DoctorArea area, string detail) => Add(name, DoctorStatus.Ok, area, detail, null);

        public void Fail(string name, DoctorArea area, string detail, string? fix = null)
        {
            Add(name, DoctorStatus.Fail, area, detail, fix);
            SkipRest($"{name} failed");
        }

        public void SkipRest(string reason)
        {
            foreach (var name in names.AsSpan(_next))
            {
                checks.Add(new DoctorCheck { Name = name, Status = DoctorStatus.Skip, Area = AreaOf(name), Detail = reason });
            }

            _next = names.Length;
        }

        private void Add(string name, DoctorStatus status, DoctorArea area, string detail, string? fix)
        {
            _next = Array.IndexOf(names, name) + 1;
            checks.Add(new DoctorCheck { Name = name, Status = status, Area = area, Detail = detail, Fix = fix });
        }

        private static DoctorArea AreaOf(string name) => name switch
        {
            "connections_file" or "connection" => DoctorArea.Configuration,
            "table" or "plan" => DoctorArea.Plan,
            "bucket" or "aws_credentials" or "folder" => DoctorArea.Destination,
            _ => DoctorArea.Snowflake,
        };
    }
}
