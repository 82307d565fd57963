using LoftsDesArts.Core.Operations;
using LoftsDesArts.Core.Storage;
using LoftsDesArts.Infrastructure.Azure.Storage;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace LoftsDesArts.Infrastructure.Azure;

public static class AzureInfrastructureServiceCollectionExtensions
{
    /// <summary>
    /// The Cosmos DB document store as <see cref="IDocumentStore"/> (configuration section <c>CosmosDb</c>,
    /// see <see cref="CosmosDbOptions"/>, checked at start), its <see cref="CosmosClient"/> (one per process),
    /// the <see cref="CosmosStoreInitializer"/> that compiles the named queries and creates or checks the
    /// containers before the host serves, and <see cref="StoreReadinessCheck"/>.
    /// </summary>
    public static IServiceCollection AddCosmosDocumentStore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<CosmosDbOptions>().Bind(configuration.GetSection(CosmosDbOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CosmosDbOptions>, CosmosDbOptionsValidator>());
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<CosmosDbOptions>>().Value.CreateClient(azureClientId: configuration["AZURE_CLIENT_ID"]));
        services.AddSingleton<CosmosDocumentStore>();
        services.AddSingleton<IDocumentStore>(sp => sp.GetRequiredService<CosmosDocumentStore>());
        services.AddSingleton<IHostedService, CosmosStoreInitializer>();
        services.AddSingleton<IReadinessCheck, StoreReadinessCheck>();
        return services;
    }
}

internal sealed class CosmosDbOptionsValidator : IValidateOptions<CosmosDbOptions>
{
    public ValidateOptionsResult Validate(string? name, CosmosDbOptions options) =>
        options.Problem() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}
