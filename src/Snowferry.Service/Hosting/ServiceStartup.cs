using Snowferry.Service.Jobs;
using Snowferry.Transfer;

namespace Snowferry.Service.Hosting;

/// <summary>
/// What start-up settles after the host is built and before it listens (the data source needs the host's logging, and
/// the clients need the connection's database and schema, which only Snowflake knows); services read it from here.
/// </summary>
internal sealed class ServiceStartup
{
    public SnowferryDataSource? DataSource { get; set; }

    public ServiceRuntime? Runtime { get; set; }

    public ServiceClients? Clients { get; set; }

    public IJobStore? Store { get; set; }

    public static T Require<T>(T? value)
        where T : class => value ?? throw new InvalidOperationException("The service has not finished starting.");
}
