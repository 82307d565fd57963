namespace LoftsDesArts.Core.Access;

/// <summary>
/// The capability matrix, in one place. Board members govern but do not edit resident data;
/// front desk reads the roster for package work but does not change it (seed-requirements §1.3).
/// </summary>
public static class AccessPolicy
{
    private static readonly Dictionary<Role, HashSet<Capability>> Grants = new()
    {
        [Role.Resident] = [Capability.ViewBuilding],
        [Role.FrontDesk] = [Capability.ViewBuilding, Capability.ViewRoster, Capability.HandlePackages],
        [Role.Board] = [Capability.ViewBuilding],
        [Role.Manager] =
        [
            Capability.ViewBuilding, Capability.ViewRoster, Capability.ManageUnits, Capability.ManageRegistrationCodes,
            Capability.ReviewRegistrations, Capability.OperateBackgroundWork, Capability.HandlePackages, Capability.ConfigurePackages,
        ],
        [Role.Admin] =
        [
            Capability.ViewBuilding, Capability.ViewRoster, Capability.ManageUnits, Capability.ManageRegistrationCodes,
            Capability.ReviewRegistrations, Capability.ManageStaff, Capability.ViewAudit, Capability.OperateBackgroundWork,
            Capability.ManageSettings, Capability.HandlePackages, Capability.ConfigurePackages,
        ],
    };

    public static bool Allows(Role role, Capability capability) => Grants[role].Contains(capability);
}
