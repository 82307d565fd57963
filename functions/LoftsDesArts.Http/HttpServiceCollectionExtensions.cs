using LoftsDesArts.Core.Throttling;
using LoftsDesArts.Http.Pipeline;
using Microsoft.Extensions.DependencyInjection;

namespace LoftsDesArts.Http;

public static class HttpServiceCollectionExtensions
{
    /// <summary>The shared HTTP surface: the pipeline and what its steps need. Hosts add the adapters.</summary>
    public static IServiceCollection AddApiSurface(this IServiceCollection services)
    {
        services.AddOptions<ApiSecurityOptions>().BindConfiguration(ApiSecurityOptions.SectionName);
        services.AddSingleton<ApiPipeline>();
        services.AddSingleton<CounterStore>();
        services.AddSingleton<RequestBudget>();
        return services;
    }
}
