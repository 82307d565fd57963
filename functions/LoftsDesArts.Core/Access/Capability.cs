namespace LoftsDesArts.Core.Access;

/// <summary>What a caller may do in a building. Routes and use cases ask for capabilities, never for roles.</summary>
public enum Capability
{
    /// <summary>See the building's public information (any member).</summary>
    ViewBuilding,

    /// <summary>Read the unit roster and residents' contact details.</summary>
    ViewRoster,

    /// <summary>Create, edit and import units.</summary>
    ManageUnits,

    /// <summary>Issue, print, revoke registration codes.</summary>
    ManageRegistrationCodes,

    /// <summary>See and decide on registrations waiting for approval; confirm owner rights.</summary>
    ReviewRegistrations,

    /// <summary>Grant and remove staff roles.</summary>
    ManageStaff,

    /// <summary>Read the building's audit log.</summary>
    ViewAudit,

    /// <summary>See and retry failed background work (dead letters, failed notices).</summary>
    OperateBackgroundWork,

    /// <summary>Brand, texts and settings of the building's portal.</summary>
    ManageSettings,

    /// <summary>Log, release and correct packages at the desk; see any unit's packages and pickup preferences.</summary>
    HandlePackages,

    /// <summary>Desk hours, pickup place, reminder schedule and photo retention of the building's packages.</summary>
    ConfigurePackages,
}
