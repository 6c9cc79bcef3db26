using Snowferry.Destinations;
using Snowferry.Manifest;
using Snowferry.Output;
using Snowferry.Planning;

namespace Snowferry.Transfer;

public sealed partial class TransferJob
{
    private string CreateKey(TransferPlan plan, TransferOptions options, OutputFileType file, DateTimeOffset startedAt)
    {
        var prefix = string.IsNullOrWhiteSpace(options.KeyPrefix) ? _destinationPrefix : ObjectKeys.Join(_destinationPrefix, options.KeyPrefix);
        var table = KeySegment(plan.Table.Name.Name);
        var id = ObjectKeys.NewShortId();
        if (string.IsNullOrWhiteSpace(options.KeyTemplate))
        {
            return ObjectKeys.Default(prefix, table, startedAt, id, file.Extension);
        }

        var key = TransferKeyTemplate.Expand(
            options.KeyTemplate,
            new TransferKeyValues(table, plan.Table.Schema?.Name, plan.Table.Database?.Name, startedAt, id, file.Extension));
        return ObjectKeys.Join(prefix, key);
    }

    /// <summary>Check-then-write, for stores without conditional writes: look again just before publishing.</summary>
    private async Task CheckBeforeCommitAsync(string key, TransferOptions options, CancellationToken cancellationToken)
    {
        if (!options.Overwrite && !options.ConditionalWrite && await _destination.ExistsAsync(key, cancellationToken).ConfigureAwait(false))
        {
            throw new DestinationExistsException(_destination.DescribeLocation(key));
        }
    }

    private async Task VerifyAsync(DestinationCommit commit, IOutputFormat format, OutputWriterOptions writerOptions, long rows, CancellationToken cancellationToken)
    {
        var readRows = await TransferReadBack.ReadAsync(_destination, commit, format, writerOptions, cancellationToken).ConfigureAwait(false);
        if (readRows != rows)
        {
            throw new TransferIntegrityException(
                $"--verify read {commit.Location} back and counted {readRows} rows, not the {rows} written. Do not use the file; run the transfer again with --overwrite.");
        }

        TransferLog.Verified(_logger, commit.Location, readRows);
    }

    /// <summary>The manifest beside the data file, written only now that the data file is committed, all or nothing.</summary>
    private async Task<string> WriteManifestAsync(
        TransferReport report, TransferPlan plan, DestinationCommit commit, TransferOptions options, CancellationToken cancellationToken)
    {
        var manifest = new TransferManifest
        {
            DataFile = report.FileName,
            DataUri = report.Uri,
            SourceTable = report.SourceTable,
            QueryId = report.QueryId,
            Format = report.Format,
            Columns = report.Columns,
            Schema = plan.OutputSchema.Select(c => new TransferManifestField(c.Name, TypeName(c))).ToList(),
            SourceRows = report.SourceRows,
            BlankRowsDropped = report.BlankRowsDropped ?? 0, // a streamed transfer always measures it
            OutputRows = report.OutputRows,
            Bytes = report.Bytes,
            Checksum = report.Checksum!,
            StoreChecksum = commit.StoreChecksum,
            SnowferryVersion = report.SnowferryVersion,
            StartedAt = report.StartedAt,
            CommittedAt = report.Timestamp,
        };
        var key = commit.Key + TransferManifest.KeySuffix;
        var bytes = System.Text.Encoding.UTF8.GetBytes(manifest.ToJson());
        try
        {
            var upload = await _destination.BeginUploadAsync(
                key,
                new DestinationUploadOptions
                {
                    ContentType = "application/json",
                    Overwrite = options.Overwrite,
                    ConditionalWrite = options.ConditionalWrite,
                    PartSize = options.PartSize,
                },
                cancellationToken).ConfigureAwait(false);
            await using (upload.ConfigureAwait(false))
            {
                await upload.Stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
                await CheckBeforeCommitAsync(key, options, cancellationToken).ConfigureAwait(false);
                await upload.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (DestinationException e)
        {
            throw new DestinationException(
                e.Kind,
                $"{commit.Location} was committed but its manifest could not be written ({e.Message}); without the manifest the file must not be taken as complete. Run the transfer again with --overwrite.",
                e,
                e.IsTransient);
        }

        var manifestLocation = _destination.DescribeLocation(key);
        TransferLog.ManifestWritten(_logger, manifestLocation);
        return key;
    }
}
