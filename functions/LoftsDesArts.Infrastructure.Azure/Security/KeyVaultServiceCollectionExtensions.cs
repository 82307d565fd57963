using Azure.Core;
using Azure.Identity;
using Azure.Security.KeyVault.Secrets;
using LoftsDesArts.Core.Operations;
using LoftsDesArts.Core.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace LoftsDesArts.Infrastructure.Azure.Security;

public static class KeyVaultServiceCollectionExtensions
{
    /// <summary>Key of the <see cref="SecretClient"/> and <see cref="TokenCredential"/> the signing keys use (keyed singletons).</summary>
    public const string ServiceKey = "KeyVault";

    /// <summary>
    /// Signing keys in Key Vault: <see cref="KeyVaultSigningKeySource"/> as <see cref="ISigningKeySource"/>
    /// (section <c>KeyVault</c>, see <see cref="KeyVaultOptions"/>, checked at start), a keyed
    /// <see cref="SecretClient"/> and <see cref="TokenCredential"/> (<see cref="ServiceKey"/>: the user-assigned
    /// managed identity named by <c>KeyVault:ManagedIdentityClientId</c> or <c>AZURE_CLIENT_ID</c>, else the
    /// default credential chain), <see cref="SigningKeysInitializer"/> (keys read or created before the host
    /// serves) and <see cref="SigningKeysReadinessCheck"/>.
    /// </summary>
    public static IServiceCollection AddKeyVaultSigningKeys(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(KeyVaultOptions.SectionName);
        services.AddOptions<KeyVaultOptions>().Bind(section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KeyVaultOptions>, KeyVaultOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddKeyedSingleton<TokenCredential>(ServiceKey, (_, _) =>
            (section[nameof(KeyVaultOptions.ManagedIdentityClientId)] ?? configuration["AZURE_CLIENT_ID"]) is { Length: > 0 } clientId
                ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
                : new DefaultAzureCredential());
        services.TryAddKeyedSingleton(ServiceKey, (sp, _) => new SecretClient(
            sp.GetRequiredService<IOptions<KeyVaultOptions>>().Value.Uri,
            sp.GetRequiredKeyedService<TokenCredential>(ServiceKey),
            new SecretClientOptions { Retry = { MaxRetries = 3, NetworkTimeout = TimeSpan.FromSeconds(15) } }));

        services.TryAddSingleton(sp => new KeyVaultSigningKeySource(
            sp.GetRequiredKeyedService<SecretClient>(ServiceKey),
            sp.GetRequiredService<IOptions<KeyVaultOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<KeyVaultSigningKeySource>>()));
        services.AddSingleton<ISigningKeySource>(sp => sp.GetRequiredService<KeyVaultSigningKeySource>());
        services.AddSingleton<IHostedService, SigningKeysInitializer>();
        services.AddSingleton<IReadinessCheck, SigningKeysReadinessCheck>();
        return services;
    }
}

internal sealed class KeyVaultOptionsValidator : IValidateOptions<KeyVaultOptions>
{
    public ValidateOptionsResult Validate(string? name, KeyVaultOptions options) =>
        options.Problem() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}
