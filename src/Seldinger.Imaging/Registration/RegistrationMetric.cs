namespace Seldinger.Imaging.Registration;

/// <summary>The similarity a registration maximises.</summary>
public enum RegistrationMetric
{
    /// <summary>Mattes mutual information (Parzen-windowed joint histogram): tolerates contrast changes between the images; the default.</summary>
    MattesMutualInformation,

    /// <summary>Normalised cross-correlation: for images whose intensities are related linearly (same scanner, same phase).</summary>
    NormalizedCrossCorrelation,
}
