using System.Text.RegularExpressions;

namespace LoftsDesArts.Infra.Tests.Support;

/// <summary>
/// A role granted by the template: an Azure RBAC role assignment or a Cosmos DB data-plane (SQL) role
/// assignment, with its expressions rewritten in the root template's terms.
/// </summary>
internal sealed partial record RoleGrant(
    string RoleDefinitionGuid,
    string ScopeResourceType,
    string Scope,
    string Principal,
    string? Condition,
    string RawName,
    ArmResource Resource)
{
    public static IReadOnlyList<RoleGrant> All(ArmDeployment root) =>
        root.DeployedResourcesOfType("Microsoft.Authorization/roleAssignments").Select(FromRoleAssignment)
            .Concat(root.DeployedResourcesOfType("Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments").Select(FromCosmosAssignment))
            .ToList();

    private static RoleGrant FromRoleAssignment(ArmResource r)
    {
        var scope = r.Resolve(r.Json["scope"]);
        return new RoleGrant(
            LastGuid(r.Resolve(r.Properties?["roleDefinitionId"])),
            FirstResourceType(scope),
            scope,
            r.Resolve(r.Properties?["principalId"]),
            r.Condition,
            r.Json["name"]?.ToString() ?? "",
            r);
    }

    private static RoleGrant FromCosmosAssignment(ArmResource r)
    {
        var roleDefinition = r.Resolve(r.Properties?["roleDefinitionId"]);
        Assert.Contains("/sqlRoleDefinitions/", roleDefinition, StringComparison.Ordinal);
        var scope = r.Resolve(r.Properties?["scope"]);
        return new RoleGrant(
            LastGuid(roleDefinition),
            FirstResourceType(scope),
            scope,
            r.Resolve(r.Properties?["principalId"]),
            r.Condition,
            r.Json["name"]?.ToString() ?? "",
            r);
    }

    private static string LastGuid(string text)
    {
        var matches = GuidPattern().Matches(text);
        Assert.True(matches.Count > 0, $"No role definition GUID in '{text}'.");
        return matches[^1].Value.ToLowerInvariant();
    }

    private static string FirstResourceType(string scope)
    {
        var match = ResourceIdType().Match(scope);
        Assert.True(match.Success, $"The scope '{scope}' does not name a resource with resourceId().");
        return match.Groups["type"].Value;
    }

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex GuidPattern();

    [GeneratedRegex(@"resourceId\('(?<type>[^']+)'")]
    private static partial Regex ResourceIdType();
}
