using LoftsDesArts.SelfHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LoftsDesArts.Api.Tests.Hosting;

/// <summary>
/// The self-host's settings do not depend on the working directory: started from a folder without
/// appsettings.json (as `dotnet run --project` from the repository root does), ASP.NET Core's per-request
/// logs stay off, and configuration still overrides the defaults.
/// </summary>
public sealed class SelfHostDefaultsTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "lda-tests", Guid.NewGuid().ToString("N"));

    public SelfHostDefaultsTests() => Directory.CreateDirectory(Path.Combine(_folder, "root"));

    [Fact]
    public async Task Build_ContentRootWithoutAppSettings_AspNetCoreLogsAtWarning()
    {
        await using var app = SelfHostApp.Build(Args());
        var loggers = app.Services.GetRequiredService<ILoggerFactory>();

        Assert.False(loggers.CreateLogger("Microsoft.AspNetCore.Routing.EndpointMiddleware").IsEnabled(LogLevel.Information));
        Assert.True(loggers.CreateLogger("Microsoft.AspNetCore.Routing.EndpointMiddleware").IsEnabled(LogLevel.Warning));
        Assert.True(loggers.CreateLogger("LoftsDesArts.SelfHost.Startup.PortalStartup").IsEnabled(LogLevel.Information));
    }

    [Fact]
    public async Task Build_LogLevelOnCommandLine_OverridesDefault()
    {
        await using var app = SelfHostApp.Build([.. Args(), "--Logging:LogLevel:Microsoft.AspNetCore=Information"]);
        var loggers = app.Services.GetRequiredService<ILoggerFactory>();

        Assert.True(loggers.CreateLogger("Microsoft.AspNetCore.Routing.EndpointMiddleware").IsEnabled(LogLevel.Information));
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private string[] Args() => ["--contentRoot", Path.Combine(_folder, "root"), $"--{SelfHostApp.DataFolderKey}={Path.Combine(_folder, "data")}"];
}
