using System.Data;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;

namespace Snowferry.Service.Jobs;

/// <summary>
/// The jobs in one SQLite file (<c>--state</c>), for one service process. Writes go through one connection kept open
/// and taken in turn (<see cref="SemaphoreSlim"/>); reads each take a pooled connection of their own, which WAL lets
/// run beside the writer. Partials: <c>.Jobs</c> (a job's life), <c>.Idempotency</c>, <c>.List</c>.
/// </summary>
/// <remarks>
/// Why one writer rather than a connection per write: SQLite admits one writer at a time anyway, and a connection that
/// finds the file locked blocks its thread until the lock is free (SQLite's busy handler, then Microsoft.Data.Sqlite's
/// retry loop, which sleeps 150 ms a turn). Queueing the writes on an async semaphore instead keeps thread-pool threads
/// free and the writes in arrival order; the busy timeout then only matters when another process has the file open.
/// </remarks>
public sealed partial class SqliteJobStore : IJobStore
{
    // How long a write waits for another process's lock (busy_timeout in WriterPragmas too): long enough for its
    // transaction (a few statements), short enough to surface a stuck lock as an error rather than a hung request.
    private const int BusyTimeoutSeconds = 5;

    // WAL: readers never wait for the writer, and a commit is one append to the log. synchronous=NORMAL syncs the log
    // at checkpoints rather than at every commit: a committed transaction survives the process dying at any point (its
    // pages are in the OS's cache), and only an OS crash or a power loss can lose the last commits, never corrupt the
    // file. That is durable enough for one process on one machine, and spares an fsync per progress update.
    private const string WriterPragmas = "PRAGMA busy_timeout = 5000; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;";

    private const string CursorKeySetting = "cursor_key";

    private readonly string _path;
    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private SqliteConnection? _writer;
    private JobCursor? _cursor;
    private volatile bool _disposed;

    /// <summary>A store in <paramref name="path"/> (created with its folder by <see cref="InitializeAsync"/>).</summary>
    public SqliteJobStore(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _path = Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = _path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = BusyTimeoutSeconds,
        }.ToString();
    }

    /// <summary>The file, as a full path.</summary>
    public string FilePath => _path;

    /// <inheritdoc />
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_writer is not null)
            {
                throw new InvalidOperationException("The job store is already initialized.");
            }

            CreateFolder();
            var writer = new SqliteConnection(_connectionString);
            try
            {
                await writer.OpenAsync(cancellationToken).ConfigureAwait(false);
                await ExecuteAsync(writer, WriterPragmas, cancellationToken).ConfigureAwait(false);
                // Schema, the cursor key, and what a previous process left half done, in one transaction: that also
                // proves the file can be written.
                _cursor = await PrepareAsync(writer, _path, cancellationToken).ConfigureAwait(false);
                _writer = writer;
            }
            catch (Exception e)
            {
                await writer.DisposeAsync().ConfigureAwait(false);
                SqliteConnection.ClearPool(writer);
                if (e is SqliteException)
                {
                    throw new InvalidOperationException(
                        $"Cannot open the job store '{_path}': {e.Message}. Check that it is a snowferry state file and "
                        + "that it and its folder are writable by this user, or choose another state file.", e);
                }

                throw;
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <inheritdoc />
    public async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        if (_disposed || _cursor is null)
        {
            return false;
        }

        try
        {
            // Reads the file's header: answers only when the file is there and readable.
            return await ReadAsync(SqliteJobSchema.ReadVersionAsync, cancellationToken).ConfigureAwait(false)
                == SqliteJobSchema.CurrentVersion;
        }
        catch (SqliteException)
        {
            return false;
        }
    }

    /// <summary>Closes the writer and this file's idle pooled connections, once the write in progress has finished.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _writeLock.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            if (_writer is { } writer)
            {
                _writer = null;
                await writer.DisposeAsync().ConfigureAwait(false);
                // Only this connection string's pool (ClearAllPools would close every other store's too): after it the
                // file has no open handle left here, so it can be moved, deleted or opened afresh.
                SqliteConnection.ClearPool(writer);
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private void CreateFolder()
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException(
                $"Cannot create the folder of the job store '{_path}': {e.Message} Create it, or choose another state file.", e);
        }
    }

    private static Task<JobCursor> PrepareAsync(SqliteConnection writer, string path, CancellationToken cancellationToken) =>
        InTransactionAsync(
            writer,
            async ct =>
            {
                await SqliteJobSchema.MigrateAsync(writer, path, ct).ConfigureAwait(false);

                // A claim without a job was a request in flight when the previous process stopped: nobody will finish
                // or release it, and it would answer "in progress" to the client's retries for the whole window.
                await ExecuteAsync(writer, "DELETE FROM idempotency_keys WHERE job_id IS NULL;", ct).ConfigureAwait(false);

                using (var insert = writer.CreateCommand())
                {
                    insert.CommandText = "INSERT OR IGNORE INTO store_settings (name, value) VALUES ($name, $value);";
                    JobRows.Add(insert, "$name", CursorKeySetting);
                    JobRows.Add(insert, "$value", RandomNumberGenerator.GetBytes(JobCursor.KeyBytes));
                    await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }

                using var select = writer.CreateCommand();
                select.CommandText = "SELECT value FROM store_settings WHERE name = $name;";
                JobRows.Add(select, "$name", CursorKeySetting);
                return new JobCursor((byte[])(await select.ExecuteScalarAsync(ct).ConfigureAwait(false))!);
            },
            cancellationToken);

    /// <summary>Runs <paramref name="write"/> on the writer, after the writes before it.</summary>
    private async Task<T> WriteAsync<T>(
        Func<SqliteConnection, CancellationToken, Task<T>> write, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var writer = _writer ?? throw NotInitialized();
            return await write(writer, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary><see cref="WriteAsync{T}"/> in one immediate transaction, committed when <paramref name="write"/> returns.</summary>
    private Task<T> TransactAsync<T>(
        Func<SqliteConnection, CancellationToken, Task<T>> write, CancellationToken cancellationToken) =>
        WriteAsync((writer, ct) => InTransactionAsync(writer, token => write(writer, token), ct), cancellationToken);

    /// <summary>Runs <paramref name="work"/> in a transaction that takes the write lock at its start.</summary>
    private static async Task<T> InTransactionAsync<T>(
        SqliteConnection writer, Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        // Serializable is BEGIN IMMEDIATE in Microsoft.Data.Sqlite: the lock is taken before the first read, so what a
        // transaction reads (a count, a claim) cannot change before it writes. A deferred one would instead fail with
        // SQLITE_BUSY on its first write when another connection wrote meanwhile.
        var transaction = await writer.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            var result = await work(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return result;
        }
    }

    /// <summary>Runs <paramref name="read"/> on a pooled connection of its own.</summary>
    private async Task<T> ReadAsync<T>(Func<SqliteConnection, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _ = _cursor ?? throw NotInitialized();
        var connection = new SqliteConnection(_connectionString);
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return await read(connection, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<int> ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static InvalidOperationException NotInitialized() =>
        new("The job store is not initialized: call InitializeAsync first.");
}
