using LoftsDesArts.Core.Storage;
using Microsoft.Extensions.Hosting;

namespace LoftsDesArts.Infrastructure.Local.Storage;

/// <summary>
/// Creates the tables and the indexes of <see cref="NamedQueries.All"/> before the host serves: it runs
/// in <see cref="IHostedLifecycleService.StartingAsync"/>, ahead of every hosted service's start,
/// the web server's included.
/// </summary>
public sealed class LocalStoreInitializer(SqliteDocumentStore store) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => store.InitializeAsync(NamedQueries.All, cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
