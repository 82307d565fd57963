using LoftsDesArts.Core.Security;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LoftsDesArts.Infrastructure.Azure.Security;

/// <summary>
/// Reads (and on the very first start creates) the session and secret-encryption keys before the host
/// serves (<see cref="IHostedLifecycleService.StartingAsync"/>): a vault the identity may not use stops the
/// start with a message naming the missing role, instead of the first sign-in failing.
/// </summary>
public sealed partial class SigningKeysInitializer(ISigningKeySource keys, ILogger<SigningKeysInitializer> logger) : IHostedLifecycleService
{
    /// <summary>The purposes the Azure host uses (real-time tokens come from SignalR Service there).</summary>
    public static readonly IReadOnlyList<string> Purposes = [KeyRings.Sessions, KeyRings.Secrets];

    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        foreach (var purpose in Purposes)
        {
            try
            {
                await keys.GetKeysAsync(purpose, cancellationToken).ConfigureAwait(false);
            }
            catch (KeyVaultAccessException ex)
            {
                LogRefused(logger, ex, purpose);
                throw;
            }
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Critical, Message = "The signing keys of {Purpose} cannot be read from Key Vault; the host does not start")]
    private static partial void LogRefused(ILogger logger, Exception exception, string purpose);
}
