using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Snowferry.Destinations;

namespace Snowferry.Tests.Destinations.S3;

public sealed partial class S3DestinationTests
{
    [Fact]
    public async Task OpenReadAsync_GetObjectDenied_NamesThePermissionToGrant()
    {
        using var client = new GetDeniedS3Client(_s3.Credentials, _s3.CreateConfig());
        var sut = CreateSut(client);
        var key = NewKey("read-denied");
        await using (var upload = await sut.BeginUploadAsync(key, Options(), Ct))
        {
            await upload.Stream.WriteAsync(new byte[] { 1, 2, 3 }, Ct);
            var commit = await upload.CommitAsync(Ct);

            var error = await Assert.ThrowsAsync<DestinationException>(() => sut.OpenReadAsync(commit, Ct));

            Assert.Equal(DestinationErrorKind.AccessDenied, error.Kind);
            Assert.Contains("s3:GetObject", error.Message, StringComparison.Ordinal);
            Assert.Contains($"reading s3://{_s3.Bucket}/{key}", error.Message, StringComparison.Ordinal);
        }
    }

    /// <summary>The real client against the local S3 server, answering GetObject with AWS's 403 (fauxqs checks no policy).</summary>
    private sealed class GetDeniedS3Client(AWSCredentials credentials, AmazonS3Config config) : AmazonS3Client(credentials, config)
    {
        public override Task<GetObjectResponse> GetObjectAsync(GetObjectRequest request, CancellationToken cancellationToken = default) =>
            throw new AmazonS3Exception("Access Denied", ErrorType.Sender, "AccessDenied", "test-request", HttpStatusCode.Forbidden);
    }
}
