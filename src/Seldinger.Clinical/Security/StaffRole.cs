using System.Text.Json.Serialization;
using Seldinger.Clinical.Internal;

namespace Seldinger.Clinical.Security;

/// <summary>A user's role in the IR service; it decides what the user may see and do.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<StaffRole>))]
public enum StaffRole
{
    /// <summary>Interventional radiologist: triage, plans, procedures, reports.</summary>
    IrPhysician,

    /// <summary>Nurse or advanced practice provider: preparation, sedation, recovery, discharge.</summary>
    Nurse,

    /// <summary>Radiographer or sonographer: images, procedure record, dose.</summary>
    Technologist,

    /// <summary>Books rooms and appointments; sees no clinical detail beyond what booking needs.</summary>
    Scheduler,

    /// <summary>Submits referrals and sees only their own.</summary>
    ReferringClinician,

    /// <summary>Manages accounts and reads the audit trail.</summary>
    Administrator,
}
