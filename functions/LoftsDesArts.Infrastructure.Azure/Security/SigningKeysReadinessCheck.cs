using LoftsDesArts.Core.Operations;
using LoftsDesArts.Core.Security;

namespace LoftsDesArts.Infrastructure.Azure.Security;

/// <summary>
/// Ready when the session keys can be read. The detail is public (readiness is anonymous): it says
/// "forbidden" for a refusal and names the exception type otherwise; the log has the rest.
/// </summary>
public sealed class SigningKeysReadinessCheck(ISigningKeySource keys) : IReadinessCheck
{
    public string Name => "signing-keys";

    public async Task<ReadinessResult> CheckAsync(CancellationToken cancellationToken)
    {
        try
        {
            await keys.GetKeysAsync(KeyRings.Sessions, cancellationToken).ConfigureAwait(false);
            return new ReadinessResult(true, "ok");
        }
        catch (KeyVaultAccessException ex)
        {
            return new ReadinessResult(false, ex.Status is 401 or 403 ? $"forbidden: needs {KeyVaultAccessException.NeededRole}" : "refused");
        }
#pragma warning disable CA1031 // Any other failure means "not ready"; the detail names the exception type only.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            return new ReadinessResult(false, ex.GetType().Name);
        }
    }
}
