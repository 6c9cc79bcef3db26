using Snowferry.Destinations;
using Snowferry.Destinations.S3;
using Snowferry.Testing;

namespace Snowferry.Tests.Destinations.S3;

public sealed partial class S3DestinationTests
{
    [Fact]
    public async Task Dispose_WithoutCommit_AbortsAndLeavesNoObject()
    {
        using var client = CreateRecordingClient();
        var key = NewKey("no-commit");

        await using (var upload = await CreateSut(client).BeginUploadAsync(key, Options(), Ct))
        {
            upload.Stream.Write(TestData.Bytes((2 * PartSize) + 5, seed: 6));
        }

        Assert.Null(await _s3.ReadObjectAsync(key, Ct));
        Assert.Contains("Initiate", client.Writes);
        Assert.Equal("Abort", client.Writes[^1]);
        Assert.DoesNotContain("Complete", client.Writes);
    }

    [Fact]
    public async Task Write_PartFails_ClearErrorAbortedNoObject()
    {
        using var client = CreateRecordingClient(failPart: 2);
        var key = NewKey("part-fails");
        var data = TestData.Bytes(5 * PartSize, seed: 7);

        var upload = await CreateSut(client).BeginUploadAsync(key, Options(maxInFlight: 1), Ct);
        var error = await Assert.ThrowsAsync<DestinationException>(async () =>
        {
            await using (upload)
            {
                await upload.Stream.WriteAsync(data, Ct);
                await upload.CommitAsync(Ct);
            }
        });

        Assert.Equal(DestinationErrorKind.Failed, error.Kind);
        Assert.True(error.IsTransient);
        Assert.Contains("HTTP 500", error.Message, StringComparison.Ordinal);
        Assert.Null(await _s3.ReadObjectAsync(key, Ct));
        Assert.Equal("Abort", client.Writes[^1]);
        Assert.DoesNotContain("Complete", client.Writes);
    }

    [Fact]
    public async Task Commit_Cancelled_AbortedNoObject()
    {
        using var client = CreateRecordingClient();
        var key = NewKey("cancelled");
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        await using var upload = await CreateSut(client).BeginUploadAsync(key, Options(), Ct);
        await upload.Stream.WriteAsync(TestData.Bytes((2 * PartSize) + 3, seed: 8), Ct);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => upload.CommitAsync(cts.Token));

        Assert.Null(await _s3.ReadObjectAsync(key, Ct));
        Assert.Equal("Abort", client.Writes[^1]);
    }

    [Fact]
    public async Task BeginUpload_ExistingKey_RefusedAndUntouched()
    {
        var key = NewKey("exists");
        var original = TestData.Bytes(1000, seed: 9);
        await WriteAsync(key, original, overwrite: false);

        var error = await Assert.ThrowsAsync<DestinationExistsException>(() => CreateSut().BeginUploadAsync(key, Options(), Ct));

        Assert.Equal(DestinationErrorKind.AlreadyExists, error.Kind);
        Assert.Contains("TransferOptions.Overwrite", error.Message, StringComparison.Ordinal);
        Assert.Contains($"s3://{_s3.Bucket}/{key}", error.Message, StringComparison.Ordinal);
        Assert.Equal(original, await _s3.ReadObjectAsync(key, Ct));
    }

    [Fact]
    public async Task BeginUpload_ExistingKeyWithOverwrite_Replaced()
    {
        var key = NewKey("overwrite");
        await WriteAsync(key, TestData.Bytes(1000, seed: 10), overwrite: false);
        var replacement = TestData.Bytes(2000, seed: 11);

        using var client = CreateRecordingClient();
        await using (var upload = await CreateSut(client).BeginUploadAsync(key, Options(overwrite: true), Ct))
        {
            await upload.Stream.WriteAsync(replacement, Ct);
            await upload.CommitAsync(Ct);
        }

        Assert.Equal(replacement, await _s3.ReadObjectAsync(key, Ct));
        Assert.Equal([null], client.IfNoneMatch);
    }

    [Theory]
    [InlineData(1000)]
    [InlineData((2 * PartSize) + 1)]
    public async Task Commit_KeyAppearsMeanwhile412_RefusedAndAborted(int size)
    {
        // AWS answers a conditional write on an existing key with 412; the emulator ignores the header, so the client
        // plays S3's part: the upload must be refused with the same error and aborted.
        using var client = CreateRecordingClient(preconditionFails: true);
        var key = NewKey("race");

        var upload = await CreateSut(client).BeginUploadAsync(key, Options(), Ct);
        await Assert.ThrowsAsync<DestinationExistsException>(async () =>
        {
            await using (upload)
            {
                await upload.Stream.WriteAsync(TestData.Bytes(size, seed: 12), Ct);
                await upload.CommitAsync(Ct);
            }
        });

        Assert.Null(await _s3.ReadObjectAsync(key, Ct));
        if (size > PartSize)
        {
            Assert.Equal("Abort", client.Writes[^1]);
        }
    }

    [Fact]
    public async Task Commit_StoreReportsOtherChecksum_IntegrityErrorAndObjectRemoved()
    {
        using var client = new RecordingS3Client(_s3.Credentials, _s3.CreateConfig()) { ReportWrongChecksum = true };
        var key = NewKey("tampered");

        var upload = await CreateSut(client).BeginUploadAsync(key, Options(), Ct);
        var error = await Assert.ThrowsAsync<DestinationException>(async () =>
        {
            await using (upload)
            {
                await upload.Stream.WriteAsync(TestData.Bytes(PartSize + 1, seed: 14), Ct);
                await upload.CommitAsync(Ct);
            }
        });

        Assert.Equal(DestinationErrorKind.IntegrityMismatch, error.Kind);
        Assert.Null(await _s3.ReadObjectAsync(key, Ct));
    }

    [Fact]
    public async Task BeginUpload_HeadForbidden_ExistenceCheckSkippedConditionalWriteGuards()
    {
        // Without s3:ListBucket, S3 answers 403 to a HEAD on a missing key: the upload goes on, guarded by If-None-Match.
        using var client = new RecordingS3Client(_s3.Credentials, _s3.CreateConfig()) { HeadForbidden = true };
        var key = NewKey("head-403");

        await using var upload = await CreateSut(client).BeginUploadAsync(key, Options(), Ct);
        await upload.Stream.WriteAsync(new byte[] { 1 }, Ct);
        var commit = await upload.CommitAsync(Ct);

        // The size check after the write is a HEAD too: with PutObject-only rights it is skipped, not failed, since
        // the object is already there and the write's own answer vouched for it.
        Assert.Equal(1, commit.Bytes);
        Assert.Equal(new byte[] { 1 }, await _s3.ReadObjectAsync(key, Ct));
        Assert.Equal(["*"], client.IfNoneMatch);
        Assert.Equal(["Head", "Put", "Head"], client.Calls);
    }

    [Fact]
    public async Task Commit_MissingBucket_ClearError()
    {
        var sut = new S3Destination(_s3.Client, "no-such-bucket-here", _time);

        var upload = await sut.BeginUploadAsync("a/b.bin", Options(), Ct);
        var error = await Assert.ThrowsAsync<DestinationException>(async () =>
        {
            await using (upload)
            {
                await upload.Stream.WriteAsync(TestData.Bytes(10, seed: 13), Ct);
                await upload.CommitAsync(Ct);
            }
        });

        Assert.Equal(DestinationErrorKind.NotFound, error.Kind);
        Assert.Contains("'no-such-bucket-here' does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Errors_NeverHoldTheSecretKey()
    {
        var sut = new S3Destination(_s3.Client, "no-such-bucket-here", _time);
        var upload = await sut.BeginUploadAsync("a/b.bin", Options(), Ct);
        var error = await Assert.ThrowsAsync<DestinationException>(async () =>
        {
            await using (upload)
            {
                await upload.CommitAsync(Ct);
            }
        });

        Assert.DoesNotContain(_s3.Server.Options.SecretAccessKey, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExistsAsync_AfterCommit_True()
    {
        var key = NewKey("exists-check");
        var sut = CreateSut();
        Assert.False(await sut.ExistsAsync(key, Ct));

        await WriteAsync(key, [1, 2, 3], overwrite: false);

        Assert.True(await sut.ExistsAsync(key, Ct));
    }

    private async Task WriteAsync(string key, byte[] data, bool overwrite)
    {
        await using var upload = await CreateSut().BeginUploadAsync(key, Options(overwrite), Ct);
        await upload.Stream.WriteAsync(data, Ct);
        await upload.CommitAsync(Ct);
    }
}
