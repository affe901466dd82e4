import { expect, screenshot, test, waitForRows } from './app';

test.describe('客户卡片的抬头 (the customer card header)', () => {
  test('shows tier, status, 月日均 with its change, 保级需补, manager and the actions at the top; one scroll area', async ({
    app,
  }) => {
    await waitForRows(app);
    // A customer in 观察 has an amount needed to hold the tier.
    await app.goto(`${process.env.TIERDESK_E2E_ORIGIN}/#/customers?status=watch`);
    await waitForRows(app);
    await app.locator('.MuiDataGrid-row [data-field="name"]').first().click();
    const header = app.getByTestId('card-header');
    await expect(header.getByTestId('card-name')).not.toBeEmpty();
    await expect(header.getByTestId('card-tier')).toContainText(/客户/);
    await expect(header.getByTestId('card-status')).toHaveText('观察');
    await expect(header.getByTestId('card-aum')).toContainText(/月日均（\d{4}-\d{2}）[\d,]+\.\d{2} 元/);
    await expect(header.getByTestId('card-aum')).toContainText(/较上月 [+-]?[\d,]+\.\d{2} 元/);
    await expect(header.getByTestId('card-needed')).toContainText(/保级需补[\d,]+\.\d{2} 元/);
    await expect(header.getByTestId('card-manager')).toContainText(/客户经理\S+/);
    await expect(header.getByTestId('card-log-contact')).toHaveText('记录接触');
    await expect(header.getByTestId('card-create-action')).toHaveText('建立保级行动');
    await expect(header.getByTestId('reveal-mobile')).toHaveText('查看完整');
    // The header is in view before anything is scrolled, and stays there when the body scrolls.
    const before = await header.boundingBox();
    expect(before && before.y + before.height).toBeLessThan(260);
    await screenshot(app, 'card-header-zh-1366');

    // One scroll area: the card's body; the tables inside it do not scroll on their own.
    const body = app.getByTestId('card-scroll');
    const inner = await body.evaluate((el) =>
      [...el.querySelectorAll('*')]
        .filter((e) => {
          const style = getComputedStyle(e);
          return /(auto|scroll)/.test(style.overflowY) && e.scrollHeight > e.clientHeight + 1;
        })
        .map((e) => `${e.tagName}.${e.className} ${e.getAttribute('data-testid')} ${e.scrollHeight}/${e.clientHeight}`),
    );
    expect(inner).toEqual([]);
    await app.getByTestId('tier-history').hover();
    await app.mouse.wheel(0, 600);
    await expect.poll(() => body.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
    expect(await header.boundingBox()).toEqual(before);
    await screenshot(app, 'card-scrolled-zh-1366');
  });
});
