using LoftsDesArts.Core.Storage;
using Microsoft.Extensions.Hosting;

namespace LoftsDesArts.Infrastructure.Azure.Storage;

/// <summary>
/// Compiles <see cref="NamedQueries.All"/> and creates or checks the containers before the host serves
/// (<see cref="IHostedLifecycleService.StartingAsync"/>, ahead of every hosted service's start): a database
/// that cannot serve the queries stops the start with a message naming what is missing.
/// </summary>
public sealed class CosmosStoreInitializer(CosmosDocumentStore store) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => store.InitializeAsync(NamedQueries.All, cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
