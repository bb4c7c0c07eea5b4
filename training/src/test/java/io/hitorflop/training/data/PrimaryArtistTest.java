package io.hitorflop.training.data;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PrimaryArtistTest {

    @Test
    void collaborationsGroupWithTheFirstCreditedArtist() {
        assertThat(PrimaryArtist.of("Drake Featuring Rihanna")).isEqualTo("drake");
        assertThat(PrimaryArtist.of("Drake feat. Future")).isEqualTo("drake");
        assertThat(PrimaryArtist.of("DRAKE, 21 Savage")).isEqualTo("drake");
        assertThat(PrimaryArtist.of("Marshmello x Bastille")).isEqualTo("marshmello");
        assertThat(PrimaryArtist.of("Kenny Rogers & Dolly Parton")).isEqualTo("kenny rogers");
    }

    @Test
    void accentsCaseAndPunctuationAreFolded() {
        assertThat(PrimaryArtist.of("Beyoncé")).isEqualTo(PrimaryArtist.of("beyonce"));
        assertThat(PrimaryArtist.of("  P!nk ")).isEqualTo("p nk");
        assertThat(PrimaryArtist.of("")).isEmpty();
        assertThat(PrimaryArtist.of(null)).isEmpty();
    }

    @Test
    void theCreditShownKeepsItsSpellingAndDuosButNotTheFeaturedArtists() {
        assertThat(PrimaryArtist.credited("Drake Featuring Rihanna")).isEqualTo("Drake");
        assertThat(PrimaryArtist.credited("Beyoncé feat. JAY-Z")).isEqualTo("Beyoncé");
        assertThat(PrimaryArtist.credited("Simon & Garfunkel")).isEqualTo("Simon & Garfunkel");
        assertThat(PrimaryArtist.credited(" ")).isEmpty();
    }
}
