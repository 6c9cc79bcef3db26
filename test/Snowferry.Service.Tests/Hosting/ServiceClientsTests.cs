using Snowferry.Service.Authentication;
using Snowferry.Service.Configuration;
using Snowferry.Service.Hosting;

namespace Snowferry.Service.Tests.Hosting;

public sealed class ServiceClientsTests
{
    private static ServiceClientOptions Client(params string[] hashes) => new()
    {
        KeyHashes = [.. hashes],
        AllowedTables = ["ORDERS_*"],
        AllowedDestinations = ["s3://bucket/x/"],
    };

    [Fact]
    public void Create_SameHashForTwoClients_IsRefusedNamingBoth()
    {
        var hash = ClientKeys.Hash(ClientKeys.NewKey());
        var options = new ServiceOptions { Clients = new() { ["acme"] = Client(hash), ["other"] = Client(hash) } };

        var error = Assert.Throws<ServiceConfigurationException>(() => ServiceClients.Create(options, "DB", "PUBLIC"));

        Assert.Contains("'acme'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'other'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(hash, error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Create_RotatingKeys_BothFindTheClient()
    {
        var (old, fresh) = (ClientKeys.NewKey(), ClientKeys.NewKey());
        var options = new ServiceOptions { Clients = new() { ["acme"] = Client(ClientKeys.Hash(old), ClientKeys.Hash(fresh)) } };

        var clients = ServiceClients.Create(options, "DB", "PUBLIC");

        Assert.Equal("acme", clients.Directory.Find(old));
        Assert.Equal("acme", clients.Directory.Find(fresh));
        Assert.Null(clients.Directory.Find(ClientKeys.NewKey()));
        Assert.Null(clients.Directory.Find(""));
    }

    [Theory]
    [InlineData("sha256:xyz")]
    [InlineData("md5:0123456789abcdef0123456789abcdef")]
    [InlineData("sfk_a-key-pasted-where-its-hash-belongs")]
    public void Create_MalformedHash_IsRefusedWithoutEchoingIt(string hash)
    {
        var options = new ServiceOptions { Clients = new() { ["acme"] = Client(hash) } };

        var error = Assert.Throws<ServiceConfigurationException>(() => ServiceClients.Create(options, "DB", "PUBLIC"));

        Assert.DoesNotContain(hash, error.Message, StringComparison.Ordinal);
        Assert.Contains("snowferry serve new-key", error.Message, StringComparison.Ordinal);
    }
}
