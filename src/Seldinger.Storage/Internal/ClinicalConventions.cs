using Microsoft.EntityFrameworkCore;
using Seldinger.Clinical.AdverseEvents;
using Seldinger.Clinical.Patients;
using Seldinger.Clinical.Preparation;
using Seldinger.Clinical.Procedures;
using Seldinger.Clinical.Recovery;
using Seldinger.Clinical.Referrals;
using Seldinger.Clinical.Scheduling;
using Seldinger.Clinical.Security;
using Seldinger.Planning;

namespace Seldinger.Storage.Internal;

// Enumerations are stored by name so that the database reads on its own and a reordered enum
// cannot silently change stored meaning.
internal static class ClinicalConventions
{
    public const int EnumLength = 40;

    public static void Apply(ModelConfigurationBuilder builder)
    {
        AsText<AdministrativeSex>(builder);
        AsText<FamilyLanguage>(builder);
        AsText<AllergyCategory>(builder);
        AsText<AllergySeverity>(builder);
        AsText<ReferralStatus>(builder);
        AsText<ReferralPriority>(builder);
        AsText<ReferralAction>(builder);
        AsText<AppointmentStatus>(builder);
        AsText<LabTest>(builder);
        AsText<IntakeKind>(builder);
        AsText<ConsentKind>(builder);
        AsText<AsaClass>(builder);
        AsText<SedationLevel>(builder);
        AsText<PregnancyScreen>(builder);
        AsText<TechnicalOutcome>(builder);
        AsText<SirSeverity>(builder);
        AsText<CirseGrade>(builder);
        AsText<ConsciousnessLevel>(builder);
        AsText<DischargeDisposition>(builder);
        AsText<FollowUpKind>(builder);
        AsText<FollowUpStatus>(builder);
        AsText<StaffRole>(builder);
        AsText<GuidanceModality>(builder);
    }

    private static void AsText<TEnum>(ModelConfigurationBuilder builder)
        where TEnum : struct, Enum =>
        builder.Properties<TEnum>().HaveConversion<string>().HaveMaxLength(EnumLength);
}
