package dev.huddle.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.BoundingBox;
import com.microsoft.playwright.options.WaitForSelectorState;
import dev.huddle.Fixture;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The board page in real Chromium: two people on one board, drag and drop, keyboard, WIP, escaping, phone. */
@QuarkusTest
class BoardPageBrowserTest {
    private static Browser browser;

    @TestHTTPResource("/")
    URL root;

    private Fixture.TeamFixture team;
    private Fixture.Person leader;
    private Fixture.Person rep;
    private Fixture.BoardFixture board;

    @BeforeEach
    void setUp() {
        if (browser == null) {
            browser = Browser.launch(root.toString());
        }
        team = Fixture.team();
        leader = team.member("LEADER");
        rep = team.member("REP", "HUNTER");
        board = team.board(leader, "SALES");
    }

    @AfterAll
    static void tearDown() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    private Page openBoard(Fixture.Person who, int width, int height) {
        Page page = browser.signedIn(who, width, height);
        page.navigate(browser.url("/boards/" + board.id()));
        page.locator("#connection[data-state=live]").waitFor();
        return page;
    }

    private Page openBoard(Fixture.Person who) {
        return openBoard(who, 1280, 800);
    }

    private static Locator card(Page page, long cardId) {
        return page.locator(".card[data-card-id='" + cardId + "']");
    }

    private static Locator cell(Page page, long columnId) {
        return page.locator(".cards[data-column-id='" + columnId + "']").first();
    }

    /** Drags with the mouse, in small steps, as a person does (SortableJS fallback mode). */
    private static void drag(Page page, Locator from, Locator to, boolean aboveTarget) {
        BoundingBox source = from.boundingBox();
        BoundingBox target = to.boundingBox();
        page.mouse().move(source.x + source.width / 2, source.y + source.height / 2);
        page.mouse().down();
        page.mouse().move(source.x + source.width / 2 + 5, source.y + source.height / 2 + 5, new com.microsoft.playwright.Mouse.MoveOptions().setSteps(3));
        double y = aboveTarget ? target.y + 4 : target.y + target.height - 4;
        page.mouse().move(target.x + target.width / 2, y, new com.microsoft.playwright.Mouse.MoveOptions().setSteps(15));
        page.mouse().move(target.x + target.width / 2, y + (aboveTarget ? 1 : -1), new com.microsoft.playwright.Mouse.MoveOptions().setSteps(2));
        page.mouse().up();
    }

    private static Response awaitMove(Page page, Runnable action) {
        return page.waitForResponse(r -> r.url().endsWith("/move") && r.request().method().equals("POST"), action);
    }

    @Test
    void anonymousVisitorSignsInAndLandsOnTheBoard() {
        Fixture.cardId(leader, board.id(), board.column(0), "First opportunity");
        Page page = browser.anonymous();
        page.navigate(browser.url("/boards/" + board.id()));
        assertThat(page.url()).endsWith("/login");
        page.fill("input[name=j_username]", rep.username());
        page.fill("input[name=j_password]", rep.password());
        page.click("button[type=submit]");
        page.waitForURL(browser.url("/boards/" + board.id()));
        page.locator(".card-title", new Page.LocatorOptions().setHasText("First opportunity")).waitFor();
        assertThat(page.locator(".column-title h2").allTextContents())
                .containsExactly("Discovery", "Research", "Purchase", "Delivery", "Devotion");
        Browser.screenshot(page, "board-desktop");
    }

    @Test
    void aDragByOnePersonShowsOnAnotherScreenWithinASecond() {
        long cardId = Fixture.cardId(rep, board.id(), board.column(0), "Fleet pilot");
        Page a = openBoard(rep);
        Page b = openBoard(leader);
        card(b, cardId).waitFor();

        Response response = awaitMove(a, () -> drag(a, card(a, cardId), cell(a, board.column(1)), false));
        assertThat(response.status()).isEqualTo(200);

        long started = System.nanoTime();
        cell(b, board.column(1)).locator(".card[data-card-id='" + cardId + "']")
                .waitFor(new Locator.WaitForOptions().setTimeout(1000));
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertThat(millis).isLessThan(1000);
        assertThat(Fixture.columnOrder(leader, board.id(), board.column(1))).containsExactly(cardId);
        Browser.screenshot(b, "board-live-update");
    }

    @Test
    void dragWithinAColumnReorders() {
        long first = Fixture.cardId(rep, board.id(), board.column(0), "One");
        long second = Fixture.cardId(rep, board.id(), board.column(0), "Two");
        long third = Fixture.cardId(rep, board.id(), board.column(0), "Three");
        Page page = openBoard(rep);
        Response response = awaitMove(page, () -> drag(page, card(page, third), card(page, first), true));
        assertThat(response.status()).isEqualTo(200);
        assertThat(Fixture.columnOrder(rep, board.id(), board.column(0))).containsExactly(third, first, second);
        page.waitForFunction("() => [...document.querySelectorAll('.cards[data-column-id=\"" + board.column(0)
                + "\"] .card')].map(c => c.dataset.cardId).join() === '" + third + "," + first + "," + second + "'");
    }

    @Test
    void keyboardMovesACardAndKeepsFocus() {
        long cardId = Fixture.cardId(rep, board.id(), board.column(0), "Keyboard deal");
        long other = Fixture.cardId(rep, board.id(), board.column(1), "Already there");
        Page page = openBoard(rep);
        card(page, cardId).focus();
        Response response = awaitMove(page, () -> page.keyboard().press("Shift+ArrowRight"));
        assertThat(response.status()).isEqualTo(200);
        assertThat(Fixture.columnOrder(rep, board.id(), board.column(1))).containsExactly(other, cardId);
        page.waitForFunction("() => document.activeElement && document.activeElement.dataset.cardId === '" + cardId + "'");
        awaitMove(page, () -> page.keyboard().press("Shift+ArrowUp"));
        assertThat(Fixture.columnOrder(rep, board.id(), board.column(1))).containsExactly(cardId, other);
        Browser.screenshot(page, "board-keyboard-focus");
    }

    @Test
    void aRepSeesWhyAMoveIntoAFullColumnWasRefusedAndTheCardSnapsBack() {
        long target = board.column(2);
        Fixture.wipLimit(leader, board, 2, 1);
        Fixture.cardId(leader, board.id(), target, "Filling the slot");
        long cardId = Fixture.cardId(rep, board.id(), board.column(0), "Wants in");
        Page page = openBoard(rep);
        Response response = awaitMove(page, () -> drag(page, card(page, cardId), cell(page, target), false));
        assertThat(response.status()).isEqualTo(409);
        Locator toast = page.locator("#toast");
        toast.waitFor();
        assertThat(toast.textContent()).contains("WIP limit of 1");
        assertThat(page.locator("#toast .toast-action").count()).as("no override for a rep").isZero();
        cell(page, board.column(0)).locator(".card[data-card-id='" + cardId + "']").waitFor();
        assertThat(page.locator(".column-head[data-column-id='" + target + "'] .count").textContent()).isEqualTo("1/1");
        Browser.screenshot(page, "board-wip-refused");
    }

    @Test
    void aLeaderMayOverrideAFullColumnWithAReason() {
        long target = board.column(2);
        Fixture.wipLimit(leader, board, 2, 1);
        Fixture.cardId(leader, board.id(), target, "Filling the slot");
        long cardId = Fixture.cardId(leader, board.id(), board.column(0), "Urgent renewal");
        Page page = openBoard(leader);
        page.onDialog(dialog -> dialog.accept("Quarter-end push"));
        awaitMove(page, () -> drag(page, card(page, cardId), cell(page, target), false));
        Response override = awaitMove(page, () -> page.click("#toast .toast-action"));
        assertThat(override.status()).isEqualTo(200);
        cell(page, target).locator(".card[data-card-id='" + cardId + "']").waitFor();
        assertThat(page.locator(".column-head[data-column-id='" + target + "'] .count.over").textContent()).isEqualTo("2/1");
        String reason = leader.api().get("/api/cards/" + cardId + "/history").then().extract().jsonPath()
                .getString("find { it.type == 'card.moved' }.data.wipOverride.reason");
        assertThat(reason).isEqualTo("Quarter-end push");
    }

    @Test
    void aScriptInATitleIsShownAsText() {
        String title = "<script>window.__pwned=1</script><img src=x onerror=\"window.__pwned=2\">";
        long cardId = Fixture.cardId(rep, board.id(), board.column(0), title);
        Page page = openBoard(rep);
        assertThat(card(page, cardId).locator(".card-title").textContent()).isEqualTo(title);
        assertThat(page.evaluate("() => window.__pwned === undefined")).isEqualTo(true);
        assertThat(page.locator(".card-title img").count()).isZero();
    }

    @Test
    void quickAddAndCardDetailWork() {
        Page page = openBoard(rep);
        Locator add = page.locator(".column-head[data-column-id='" + board.column(0) + "'] .quick-add input");
        add.fill("Quick one");
        add.press("Enter");
        Locator created = page.locator(".card-title", new Page.LocatorOptions().setHasText("Quick one"));
        created.waitFor();
        created.click();
        page.locator("#detail").waitFor();
        page.fill("#detail input[aria-label='Block reason']", "Waiting for budget");
        page.click("#detail button:has-text('Block')");
        page.locator(".card.blocked .blocked-reason", new Page.LocatorOptions().setHasText("Waiting for budget")).waitFor();
        List<Map<String, Object>> cards = rep.api().get("/api/boards/" + board.id() + "/cards?blocked=true").then()
                .extract().jsonPath().getList("$");
        assertThat(cards).extracting(c -> c.get("title")).containsExactly("Quick one");
    }

    @Test
    void phoneWidthLayoutScrollsColumnsNotThePage() {
        Fixture.cardId(rep, board.id(), board.column(0), "Phone deal");
        Page page = openBoard(rep, 375, 812);
        page.locator(".card").first().waitFor();
        Object pageWidth = page.evaluate("() => document.documentElement.scrollWidth");
        assertThat(((Number) pageWidth).intValue()).isLessThanOrEqualTo(375);
        Object boardScrolls = page.evaluate("() => { const b = document.getElementById('board'); return b.scrollWidth > b.clientWidth; }");
        assertThat(boardScrolls).isEqualTo(true);
        assertThat(page.locator(".card").first().isVisible()).isTrue();
        Browser.screenshot(page, "board-phone");
    }

    @Test
    void whenTheStreamCannotConnectThePagePollsAndSaysSo() {
        long cardId = Fixture.cardId(rep, board.id(), board.column(0), "Behind a proxy");
        Page page = browser.signedIn(leader);
        page.route("**/events**", route -> route.abort());
        page.navigate(browser.url("/boards/" + board.id()));
        page.locator("#connection[data-state=polling]").waitFor(new Locator.WaitForOptions().setTimeout(15_000));
        assertThat(page.locator("#connection").textContent()).contains("Polling");
        Fixture.move(rep, cardId, Map.of("toColumnId", board.column(3))).then().statusCode(200);
        cell(page, board.column(3)).locator(".card[data-card-id='" + cardId + "']")
                .waitFor(new Locator.WaitForOptions().setTimeout(8000).setState(WaitForSelectorState.ATTACHED));
        Browser.screenshot(page, "board-polling");
    }
}
