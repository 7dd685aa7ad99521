-- A break-glass promotion carries its reason and optional ticket reference; both NULL for an
-- ordinary promotion. Additive: a process of the previous version writes promotions without the
-- columns and gets NULL, an ordinary promotion.
ALTER TABLE promotion ADD COLUMN break_glass_reason TEXT;
ALTER TABLE promotion ADD COLUMN break_glass_ticket VARCHAR(200);
