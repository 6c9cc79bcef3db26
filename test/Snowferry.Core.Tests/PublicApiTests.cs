using System.Reflection;
using Snowferry.Planning;
using Snowferry.Snowflake.Configuration;

namespace Snowferry.Tests;

/// <summary>
/// What Snowferry.Core promises library users. PublicAPI.Shipped.txt lists every symbol; these tests say why some must
/// never reach it: the SQL tree and the helpers change freely, and a plan is read-only data.
/// </summary>
public sealed class PublicApiTests
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Type[] s_exported = typeof(TransferPlan).Assembly.GetExportedTypes();

    [Fact]
    public void ExportedTypes_SqlTree_NoneOfItPublic()
    {
        // The plan's statements are public as SQL text only; the tree that renders them is an implementation detail.
        Assert.DoesNotContain(s_exported, t => t.Namespace == "Snowferry.Planning.Sql");
    }

    [Theory]
    [InlineData("Snowferry.Planning.TableName")]
    [InlineData("Snowferry.Planning.SourceColumn")]
    [InlineData("Snowferry.Planning.SourceColumnReader")]
    [InlineData("Snowferry.Planning.TransferPlanner")]
    [InlineData("Snowferry.Planning.Sql.SqlRenderer")]
    [InlineData("Snowferry.Planning.Sql.SqlExpression")]
    [InlineData("Snowferry.Planning.Sql.SqlSelect")]
    [InlineData("Snowferry.Planning.Sql.SqlIdentifier")]
    [InlineData("Snowferry.Unload.UnloadStatement")]
    [InlineData("Snowferry.Destinations.ObjectKeys")]
    [InlineData("Snowferry.Destinations.S3.S3BucketNames")]
    [InlineData("Snowferry.Destinations.S3.S3Destination")]
    [InlineData("Snowferry.Destinations.Local.LocalFolderDestination")]
    [InlineData("Snowferry.Snowflake.Authentication.KeyPairJwtTokenProvider")]
    [InlineData("Snowferry.Snowflake.Authentication.StaticTokenProvider")]
    [InlineData("Snowferry.Snowflake.Authentication.SnowflakeTokenProviders")]
    [InlineData("Snowferry.Snowflake.Configuration.SnowflakeEnvironment")]
    public void ExportedTypes_Helper_IsInternal(string typeName)
    {
        var type = typeof(TransferPlan).Assembly.GetType(typeName, throwOnError: true)!;

        Assert.False(type.IsVisible, $"{typeName} is public; it is a helper behind the data source and its interfaces.");
    }

    [Fact]
    public void TransferPlan_PublicMembers_SqlAsTextColumnsAsReadOnlyData()
    {
        var planTypes = typeof(TransferPlan).GetProperties(Declared).Select(p => p.PropertyType)
            .Concat(typeof(PlannedColumn).GetProperties(Declared).Select(p => p.PropertyType));

        Assert.DoesNotContain(planTypes, t => t.Namespace == "Snowferry.Planning.Sql" || !t.IsVisible);
        Assert.Empty(typeof(PlannedColumn).GetConstructors());
        Assert.All(typeof(PlannedColumn).GetProperties(Declared), p => Assert.True(p.SetMethod is not { IsPublic: true }, $"{p.Name} can be set"));
    }

    [Fact]
    public void SnowflakeConnectionOptions_Environment_IsATestSeam()
    {
        var environment = typeof(SnowflakeConnectionOptions).GetProperty("Environment", BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public);

        Assert.NotNull(environment);
        Assert.False(environment.GetMethod!.IsPublic);
    }
}
