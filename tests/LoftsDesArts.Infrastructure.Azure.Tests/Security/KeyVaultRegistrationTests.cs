using Azure.Core;
using Azure.Identity;
using Azure.Security.KeyVault.Secrets;
using LoftsDesArts.Core.Operations;
using LoftsDesArts.Core.Security;
using LoftsDesArts.Infrastructure.Azure.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace LoftsDesArts.Infrastructure.Azure.Tests.Security;

/// <summary><c>AddKeyVaultSigningKeys</c>: the settings the infrastructure gives, validation, and what a refusing vault does to a starting host.</summary>
public sealed class KeyVaultRegistrationTests
{
    [Fact]
    public void AddKeyVaultSigningKeys_InfrastructureSettings_BindClientIdentityInitializerAndReadiness()
    {
        // The names function-app.bicep sets: KeyVault__Uri and AZURE_CLIENT_ID.
        using var services = Services(new()
        {
            ["KeyVault:Uri"] = "https://kv-lda-prod.vault.azure.net/",
            ["AZURE_CLIENT_ID"] = "00000000-0000-0000-0000-000000000001",
        });

        var client = services.GetRequiredKeyedService<SecretClient>(KeyVaultServiceCollectionExtensions.ServiceKey);

        Assert.Equal(new Uri("https://kv-lda-prod.vault.azure.net/"), client.VaultUri);
        Assert.IsType<ManagedIdentityCredential>(services.GetRequiredKeyedService<TokenCredential>(KeyVaultServiceCollectionExtensions.ServiceKey));
        Assert.IsType<KeyVaultSigningKeySource>(services.GetRequiredService<ISigningKeySource>());
        Assert.Contains(services.GetServices<IHostedService>(), s => s is SigningKeysInitializer);
        Assert.Contains(services.GetServices<IReadinessCheck>(), c => c is SigningKeysReadinessCheck);
    }

    [Fact]
    public void AddKeyVaultSigningKeys_NoClientId_UsesTheDefaultCredentialChain()
    {
        using var services = Services(new() { ["KeyVault:Uri"] = "https://kv-lda-dev.vault.azure.net/" });

        Assert.IsType<DefaultAzureCredential>(services.GetRequiredKeyedService<TokenCredential>(KeyVaultServiceCollectionExtensions.ServiceKey));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("http://kv-lda-prod.vault.azure.net/")]
    [InlineData("kv-lda-prod")]
    public void AddKeyVaultSigningKeys_NoHttpsUri_OptionsValidationFails(string? uri)
    {
        using var services = Services(new() { ["KeyVault:Uri"] = uri });

        var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<KeyVaultOptions>>().Value);

        Assert.Contains("KeyVault:Uri", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Host_VaultAllowsTheIdentity_StartsWithSessionAndSecretKeysCreated()
    {
        var vault = new FakeKeyVault(new FakeTimeProvider());
        using var host = BuildHost(vault);

        await host.StartAsync();
        try
        {
            Assert.Single(vault.Versions("signing-sessions"));
            Assert.Single(vault.Versions("signing-secrets"));
            var ready = await Readiness(host).CheckAsync(CancellationToken.None);
            Assert.True(ready.Ready, ready.Detail);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task Host_VaultRefusesTheIdentity_StartFailsNamingTheMissingRole()
    {
        var vault = new FakeKeyVault(new FakeTimeProvider()) { RefuseAll = 403 };
        using var host = BuildHost(vault);

        var ex = await Assert.ThrowsAsync<KeyVaultAccessException>(() => host.StartAsync());

        Assert.Contains("Key Vault Secrets Officer", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, vault.Sets);
    }

    [Fact]
    public async Task ReadinessCheck_VaultRefusesTheIdentity_NotReadyWithoutMakingUpAKey()
    {
        var vault = new FakeKeyVault(new FakeTimeProvider()) { RefuseWrites = 403 };
        using var host = BuildHost(vault);

        var result = await Readiness(host).CheckAsync(CancellationToken.None);

        Assert.False(result.Ready);
        Assert.Equal("forbidden: needs Key Vault Secrets Officer", result.Detail);
        Assert.Empty(vault.Versions("signing-sessions"));
    }

    private static IReadinessCheck Readiness(IHost host) =>
        host.Services.GetServices<IReadinessCheck>().Single(c => c is SigningKeysReadinessCheck);

    private static IHost BuildHost(FakeKeyVault vault)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["KeyVault:Uri"] = FakeKeyVault.VaultUri.ToString() });
        builder.Services.AddKeyedSingleton(KeyVaultServiceCollectionExtensions.ServiceKey, vault.Client.Object);
        builder.Services.AddKeyVaultSigningKeys(builder.Configuration);
        return builder.Build();
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddKeyVaultSigningKeys(configuration);
        return services.BuildServiceProvider();
    }
}
