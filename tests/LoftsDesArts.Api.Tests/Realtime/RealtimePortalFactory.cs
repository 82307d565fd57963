using System.Net;
using LoftsDesArts.Api.Tests.Support;
using LoftsDesArts.Http.Pipeline;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace LoftsDesArts.Api.Tests.Realtime;

/// <summary>
/// The self-host on Kestrel at 127.0.0.1 (a free port), so the SignalR client uses real WebSockets;
/// callers come from <see cref="TestHeaderAuthenticator"/> and every log entry, down to Trace, is kept.
/// </summary>
public sealed class RealtimePortalFactory : PortalFactory
{
    public RealtimePortalFactory()
    {
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        BaseUrl = address.TrimEnd('/');
    }

    /// <summary>The server's origin, for example <c>http://127.0.0.1:41234</c>.</summary>
    public string BaseUrl { get; }

    public CapturingLoggerProvider Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging =>
        {
            logging.AddProvider(Logs);
            // Everything, for this provider, whatever the app's own levels say.
            logging.AddFilter<CapturingLoggerProvider>(null, LogLevel.Trace);
        });
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<IApiAuthenticator>();
            services.AddSingleton<IApiAuthenticator, TestHeaderAuthenticator>();
        });
    }
}
