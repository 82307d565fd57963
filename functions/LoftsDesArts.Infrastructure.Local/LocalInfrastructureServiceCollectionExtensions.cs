using LoftsDesArts.Core.Operations;
using LoftsDesArts.Core.Storage;
using LoftsDesArts.Infrastructure.Local.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LoftsDesArts.Infrastructure.Local;

public static class LocalInfrastructureServiceCollectionExtensions
{
    /// <summary>
    /// The SQLite document store (configuration section <c>Storage</c>: <c>DataFolder</c>,
    /// <c>ReadConnections</c>, <c>BusyTimeoutMilliseconds</c>) as <see cref="IDocumentStore"/>, and its
    /// readiness check. The host must also initialize it before serving (<see cref="LocalStoreInitializer"/>).
    /// </summary>
    public static IServiceCollection AddLocalDocumentStore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LocalStorageOptions>().Bind(configuration.GetSection(LocalStorageOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SqliteDocumentStore>();
        services.AddSingleton<IDocumentStore>(sp => sp.GetRequiredService<SqliteDocumentStore>());
        services.AddSingleton<IReadinessCheck, StoreReadinessCheck>();
        return services;
    }
}
