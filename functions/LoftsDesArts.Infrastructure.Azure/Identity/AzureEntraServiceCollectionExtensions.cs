using Azure.Core;
using Azure.Identity;
using LoftsDesArts.Core.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace LoftsDesArts.Infrastructure.Azure.Identity;

public static class AzureEntraServiceCollectionExtensions
{
    /// <summary>
    /// Staff sign-in with Entra ID, when <c>Entra:ClientId</c> is configured (otherwise nothing is added
    /// and <see cref="EntraSignInNotConfigured"/> stays): <see cref="EntraSignIn"/> as
    /// <see cref="IEntraSignIn"/>, options from section <c>Entra</c> (checked at start), the named
    /// <see cref="HttpClient"/> <see cref="EntraSignIn.HttpClientName"/>, and two keyed services
    /// (<see cref="EntraSignIn.ServiceKey"/>) that tests replace: the <see cref="TokenCredential"/> of the
    /// client assertion (the user-assigned managed identity named by <c>Entra:ManagedIdentityClientId</c>
    /// or <c>AZURE_CLIENT_ID</c>, else the system-assigned one) and the
    /// <see cref="IConfigurationManager{T}"/> of the tenant's OpenID metadata and keys.
    /// </summary>
    public static IServiceCollection AddAzureEntraSignIn(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(EntraOptions.SectionName);
        if (string.IsNullOrWhiteSpace(section[nameof(EntraOptions.ClientId)]))
        {
            return services;
        }

        services.AddOptions<EntraOptions>().Bind(section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EntraOptions>, EntraOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddKeyedSingleton<TokenCredential>(EntraSignIn.ServiceKey, (_, _) =>
            (section[nameof(EntraOptions.ManagedIdentityClientId)] ?? configuration["AZURE_CLIENT_ID"]) is { Length: > 0 } clientId
                ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
                : new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned));
        services.AddHttpClient(EntraSignIn.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(15));
        services.TryAddKeyedSingleton<IConfigurationManager<OpenIdConnectConfiguration>>(EntraSignIn.ServiceKey, (sp, _) =>
            new ConfigurationManager<OpenIdConnectConfiguration>(
                sp.GetRequiredService<IOptions<EntraOptions>>().Value.MetadataAddress.ToString(),
                new OpenIdConnectConfigurationRetriever(),
                new FactoryDocumentRetriever(sp.GetRequiredService<IHttpClientFactory>())));
        services.AddSingleton<EntraSignIn>();
        services.Replace(ServiceDescriptor.Singleton<IEntraSignIn>(sp => sp.GetRequiredService<EntraSignIn>()));
        return services;
    }
}

internal sealed class EntraOptionsValidator : IValidateOptions<EntraOptions>
{
    public ValidateOptionsResult Validate(string? name, EntraOptions options) =>
        options.Problem() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}

/// <summary>Reads the OpenID metadata and keys over https with a client from <see cref="IHttpClientFactory"/>, one per read.</summary>
internal sealed class FactoryDocumentRetriever(IHttpClientFactory factory) : IDocumentRetriever
{
    public Task<string> GetDocumentAsync(string address, CancellationToken cancel) =>
        new HttpDocumentRetriever(factory.CreateClient(EntraSignIn.HttpClientName)) { RequireHttps = true }.GetDocumentAsync(address, cancel);
}
