using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Snowferry.Service.Jobs;

/// <summary>
/// The job store's tables and their version (<c>PRAGMA user_version</c>): 0 is an empty file, each later version is one
/// step in <see cref="MigrateAsync"/>, so a newer snowferry can upgrade a file and an older one refuses it.
/// </summary>
internal static class SqliteJobSchema
{
    /// <summary>The version this build writes.</summary>
    public const int CurrentVersion = 1;

    // seq orders the jobs (list pages, start-up order) and is the cursor: AUTOINCREMENT so that a purged job's number is
    // never given again and a cursor handed out before a purge still points where it did. Times are fixed-width UTC
    // text (JobRows.FormatTime), so text order is time order and the file reads well in the sqlite3 shell.
    private const string Version1 = """
        CREATE TABLE IF NOT EXISTS jobs (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            id TEXT NOT NULL UNIQUE,
            client TEXT NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
            source_table TEXT NOT NULL,
            destination TEXT NOT NULL,
            options_json TEXT NOT NULL,
            streaming INTEGER NOT NULL,
            submitted_at TEXT NOT NULL,
            started_at TEXT,
            finished_at TEXT,
            progress_phase TEXT NOT NULL,
            progress_rows INTEGER NOT NULL,
            progress_total_rows INTEGER,
            progress_bytes INTEGER NOT NULL,
            result_json TEXT,
            report_json TEXT,
            error_json TEXT,
            statement_handle TEXT,
            upload_bucket TEXT,
            upload_key TEXT,
            upload_id TEXT,
            unload_folder TEXT
        );
        CREATE INDEX IF NOT EXISTS jobs_by_client ON jobs (client, seq);
        CREATE INDEX IF NOT EXISTS jobs_by_client_state ON jobs (client, state, seq);
        CREATE INDEX IF NOT EXISTS jobs_by_state ON jobs (state, seq);
        CREATE INDEX IF NOT EXISTS jobs_by_finished ON jobs (finished_at) WHERE finished_at IS NOT NULL;
        CREATE TABLE IF NOT EXISTS idempotency_keys (
            client TEXT NOT NULL,
            key TEXT NOT NULL,
            body_hash TEXT NOT NULL,
            claimed_at TEXT NOT NULL,
            job_id TEXT,
            PRIMARY KEY (client, key)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS store_settings (
            name TEXT PRIMARY KEY,
            value BLOB NOT NULL
        ) WITHOUT ROWID;
        """;

    /// <summary>
    /// Brings the file to <see cref="CurrentVersion"/> inside the caller's (immediate) transaction, so that two processes
    /// opening a new file at once cannot both create it.
    /// </summary>
    /// <exception cref="InvalidOperationException">The file was written by a newer snowferry.</exception>
    public static async Task MigrateAsync(SqliteConnection connection, string path, CancellationToken cancellationToken)
    {
        var version = await ReadVersionAsync(connection, cancellationToken).ConfigureAwait(false);
        if (version > CurrentVersion)
        {
            throw new InvalidOperationException(
                $"The job store '{path}' has schema version {version}, newer than the version {CurrentVersion} this "
                + "snowferry knows: a newer snowferry wrote it. Run that version, or give this one another state file.");
        }

        if (version < 1)
        {
            await ExecuteAsync(connection, Version1, cancellationToken).ConfigureAwait(false);
        }

        if (version < CurrentVersion)
        {
            // PRAGMA takes no parameters; the value is this build's constant.
            await ExecuteAsync(
                connection,
                string.Create(CultureInfo.InvariantCulture, $"PRAGMA user_version = {CurrentVersion};"),
                cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The file's schema version (0 for a new file).</summary>
    public static async Task<long> ReadVersionAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version;";
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return Convert.ToInt64(value, CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
