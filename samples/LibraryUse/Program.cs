using Microsoft.Extensions.Logging;
using Snowferry.Transfer;

// The seed's front door: connections.toml's default connection, S3 from the AWS SDK's chain.
var result = await SnowferryTransfer.TransferDataAsync("ORDERS_100K", "stakeholder-bucket");
Console.WriteLine(result.ToJson());   // {"file_name":"ORDERS_100K/...parquet","row_count":99981,"timestamp":"...Z"}

// A host builds one data source, shares it across threads and transfers, and disposes it at the end.
using var loggerFactory = LoggerFactory.Create(logging => logging.AddConsole());
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();                          // cancels the statement in Snowflake and aborts the upload
};
using var dataSource = new SnowferryDataSourceBuilder()
    .UseConnection("prod")                    // a connections.toml entry; UseConnectionSettings for one already loaded
    .UseLoggerFactory(loggerFactory)          // also UseS3Endpoint, UseS3Region, UseS3Credentials, UseTimeProvider
    .Build();
var plan = await dataSource.PlanAsync("MOVIE_RATINGS_27M", cancellationToken: cancel.Token);
Console.WriteLine(plan.Describe());           // each column's role and the SQL, no data moved
var report = await dataSource.TransferAsync("MOVIE_RATINGS_27M", "s3://stakeholder-bucket/exports", new TransferOptions
{
    Plan = new() { KeyColumns = ["USERID"] },
    Format = "csv",
    Progress = new Progress<TransferProgress>(p => Console.Error.WriteLine(p)),
}, cancel.Token);
Console.WriteLine(report.ToResult().ToJson());
