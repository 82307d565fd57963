using Azure.Core;
using Azure.Identity;
using LoftsDesArts.Core.Realtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace LoftsDesArts.Infrastructure.Azure.Realtime;

public static class AzureRealtimeServiceCollectionExtensions
{
    /// <summary>
    /// Real-time pushes through Azure SignalR Service's REST API: <see cref="IRealtimePublisher"/>,
    /// <see cref="IRealtimeNegotiator"/>, options from section <c>SignalR</c> (checked at start), and a
    /// keyed <see cref="TokenCredential"/> (<see cref="SignalROptions.CredentialKey"/>): the user-assigned
    /// managed identity named by <c>SignalR:ManagedIdentityClientId</c> or, as the infrastructure sets it,
    /// <c>AZURE_CLIENT_ID</c>; with neither (a developer's machine), the default credential chain.
    /// </summary>
    public static IServiceCollection AddAzureRealtime(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(SignalROptions.SectionName);
        services.AddOptions<SignalROptions>().Bind(section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SignalROptions>, SignalROptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddKeyedSingleton<TokenCredential>(SignalROptions.CredentialKey, (_, _) =>
            (section[nameof(SignalROptions.ManagedIdentityClientId)] ?? configuration["AZURE_CLIENT_ID"]) is { Length: > 0 } clientId
                ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
                : new DefaultAzureCredential());

        services.AddHttpClient(SignalRServiceClient.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(15));
        services.AddSingleton<SignalRServiceClient>();
        services.AddSingleton<IRealtimePublisher, SignalRServicePublisher>();
        services.AddSingleton<IRealtimeNegotiator, SignalRServiceNegotiator>();
        return services;
    }
}

internal sealed class SignalROptionsValidator : IValidateOptions<SignalROptions>
{
    public ValidateOptionsResult Validate(string? name, SignalROptions options) =>
        options.Problem() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}
