using Azure;

namespace LoftsDesArts.Infrastructure.Azure.Security;

/// <summary>
/// Key Vault refused a call the signing keys need (401/403: the app's identity lacks a role, or 409: the
/// secret is soft-deleted). It stops the start (<see cref="SigningKeysInitializer"/>) and makes the readiness
/// check fail; no key is ever made up in memory instead.
/// </summary>
public sealed class KeyVaultAccessException : InvalidOperationException
{
    public const string NeededRole = "Key Vault Secrets Officer";

    public KeyVaultAccessException()
    {
    }

    public KeyVaultAccessException(string message)
        : base(message)
    {
    }

    public KeyVaultAccessException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal KeyVaultAccessException(Uri vault, string secretName, string operation, RequestFailedException inner, string? remedy = null)
        : base(
            $"Key Vault {vault} refused to {operation} secret '{secretName}' ({inner.Status} {inner.ErrorCode}). "
            + (remedy ?? $"The app's identity needs the role {NeededRole} on the vault (infra/modules/keyvault.bicep grants it to the Functions identity; a new role assignment can take a few minutes to apply)."),
            inner)
    {
        Status = inner.Status;
        SecretName = secretName;
    }

    /// <summary>The HTTP status Key Vault answered.</summary>
    public int Status { get; }

    public string? SecretName { get; }

    internal static bool IsRefusal(RequestFailedException ex) => ex.Status is 401 or 403;
}
